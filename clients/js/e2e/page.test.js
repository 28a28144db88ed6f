// Browser tests of the web page: Debian's Chromium driven by playwright-core against a running core.
// Screenshots of every step go to test-artifacts/web/ at the repository root (gitignored).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { startBackend } from "./backend.js";
import { launchBrowser } from "./browser.js";
import { minimalPlug } from "./wasm.js";

const ARTIFACTS = fileURLToPath(new URL("../../../test-artifacts/web/", import.meta.url));
const CHANNEL = "tavern";
mkdirSync(ARTIFACTS, { recursive: true });

let backend;
let browser;

before(async () => {
  backend = await startBackend();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await backend?.close();
});

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** WCAG 2 A and AA violations axe-core finds on the page as it is now (labels, contrast, roles, ...). */
async function accessibilityViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa"] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

/**
 * Starts watching the feed for a message containing `marker`; the function it resolves with waits for
 * it and gives how long it took from the server (its event's `at`) to the page's DOM. Measured in the
 * page, so a slow test process on a loaded machine does not count.
 */
async function watchFor(page, marker, timeoutMs = 10_000) {
  await page.evaluate(
    ([m, t]) => {
      window.__watch = new Promise((ok, fail) => {
        const check = () => {
          const li = [...document.querySelectorAll("#feed .msg")].find((el) => el.textContent.includes(m));
          if (!li) return;
          observer.disconnect();
          ok(Date.now() - Date.parse(li.querySelector("time").getAttribute("datetime")));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.getElementById("feed"), { childList: true, subtree: true });
        check();
        setTimeout(() => fail(new Error(`no message with ${m} in ${t} ms`)), t);
      });
    },
    [marker, timeoutMs],
  );
  return () => page.evaluate(() => window.__watch);
}

async function shot(page, name) {
  await page.screenshot({ path: `${ARTIFACTS}${backend.kind}-${name}.png`, fullPage: false });
}

async function newPage() {
  const page = await browser.context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  await page.goto(backend.url + "/");
  return { page, problems };
}

async function http(method, path, body, token = backend.adminToken) {
  const res = await fetch(backend.url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function signInAdmin(page) {
  await page.getByLabel("Token", { exact: true }).fill(backend.adminToken);
  await page.getByRole("textbox", { name: /^Channel/ }).fill(CHANNEL);
  await page.getByLabel("Your name in the channel").fill("Dungeon Master");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator('#status[data-state="live"]').waitFor({ timeout: 5000 });
}

test("admin: sign in, live commands, plug drag and drop, server panel, phone layout", async () => {
  const { page, problems } = await newPage();
  await page.getByRole("heading", { name: "Sign in to Sidekick" }).waitFor();
  await shot(page, "01-sign-in");
  assert.deepEqual(await accessibilityViolations(page), []);

  await signInAdmin(page);
  await page.locator("#channel-name", { hasText: CHANNEL }).waitFor();
  await shot(page, "02-signed-in");

  // A command sent over HTTP by someone else appears on the page within a second, rendered safely.
  const marker = `m${Date.now().toString(36)}`;
  const text = `/r 2d6+3 # ${marker} **bold** ~~gone~~ \`code\` <img src=x onerror="window.__xss=1">`;
  const appeared = await watchFor(page, marker);
  await http("POST", "/v1/commands", { channel: CHANNEL, server: "s1", user: "u9", userName: "Pike", text, canManagePlugs: false });
  const message = page.locator("#feed .msg", { hasText: marker }).first();
  const latency = await appeared();
  assert.ok(latency < 1000, `the message took ${latency} ms from the server to the page`);
  const botReply = page.locator("#feed .msg.bot").last();
  await botReply.waitFor();
  assert.equal(await message.locator(".author").textContent(), "Pike");
  assert.equal(await message.locator("strong", { hasText: "bold" }).count(), 1, "**bold** becomes <strong>");
  assert.equal(await message.locator("s", { hasText: "gone" }).count(), 1, "~~ becomes strike-through");
  assert.equal(await message.locator("code", { hasText: "code" }).count(), 1, "backticks become inline code");
  assert.equal(await page.locator("#feed img").count(), 0, "HTML in a message stays text");
  assert.match(await message.textContent(), /<img src=x onerror=/);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.ok((await page.locator("#rolls .roll").count()) >= 1, "the roll shows in Recent rolls");
  await shot(page, "03-live-command");

  // A plug dropped on the drop zone is uploaded and appears with its statistics.
  const wasm = [...minimalPlug()];
  const dropPlug = () =>
    page.evaluate((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], "Dice Test.wasm", { type: "application/wasm" }));
      const zone = document.getElementById("dropzone");
      for (const type of ["dragenter", "dragover", "drop"]) zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, wasm);
  await dropPlug();
  const row = page.locator('#plugs-body [data-plug="dice-test"]');
  await row.waitFor({ timeout: 3000 });
  await page.locator("#plug-message", { hasText: "dice-test is live" }).waitFor();
  assert.equal(await row.locator('[data-stat="size"]').textContent(), `${wasm.length} B`);
  assert.equal(await row.locator('[data-stat="calls"]').textContent(), "0");
  await page.locator("#feed .notice", { hasText: "dice-test" }).waitFor({ timeout: 1000 });
  // Its call count goes up live as commands run through it.
  await http("POST", "/v1/commands", { channel: CHANNEL, user: "u9", userName: "Pike", text: "/r 1d20" });
  await page.locator('#plugs-body [data-plug="dice-test"] [data-stat="calls"]', { hasText: "1" }).waitFor({ timeout: 3000 });
  await shot(page, "04-plug-uploaded");
  // Dropping a file of the same name replaces the plug.
  await dropPlug();
  await page.locator("#feed .notice", { hasText: "replaced the plug" }).waitFor({ timeout: 3000 });
  assert.equal(await page.locator('#plugs-body [data-plug="dice-test"]').count(), 1);

  // A roll typed in the roll box is sent with Enter; the reply comes back live.
  await page.getByLabel("Roll or message").fill("/r 4d6kh3 # strength");
  await page.getByLabel("Roll or message").press("Enter");
  await page.locator("#feed .msg", { hasText: "strength" }).last().waitFor({ timeout: 3000 });

  // The admin sees shards and store statistics.
  await page.locator("#admin:not([hidden])").waitFor();
  await page.locator("#store dt", { hasText: "Modules" }).waitFor();
  await page.locator("#admin").scrollIntoViewIfNeeded();
  await shot(page, "06-admin-panel");
  assert.deepEqual(await accessibilityViolations(page), [], "the signed-in page with chart, plugs and admin panel");

  // Removing the plug takes it off the table.
  await page.getByRole("button", { name: "Remove plug dice-test" }).click();
  await row.waitFor({ state: "detached", timeout: 3000 });

  // Phone-sized screen: one column, nothing wider than the viewport.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a phone`);
  await shot(page, "07-phone");
  assert.deepEqual(await accessibilityViolations(page), [], "phone layout");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the odds of the typed expression render as an SVG bar chart", async (t) => {
  const probe = await fetch(`${backend.url}/v1/stats?expr=3d6`, { headers: { Authorization: `Bearer ${backend.adminToken}` } });
  const body = await probe.json();
  if (!probe.ok && /not built/i.test(body.error || "")) {
    t.skip(`the server cannot compute odds yet: ${body.error}`);
    return;
  }
  assert.equal(probe.status, 200, JSON.stringify(body));
  const { page, problems } = await newPage();
  await signInAdmin(page);
  await page.getByLabel("Roll or message").fill("/r 4d6kh3 # strength");
  const bars = page.locator("#odds-chart svg rect.bar");
  await page.locator("#odds:not([hidden])").waitFor({ timeout: 3000 });
  assert.equal(await bars.count(), 16, "one bar per total 3..18");
  const heights = await bars.evaluateAll((rs) => rs.map((r) => [Number(r.dataset.total), Number(r.getAttribute("height"))]));
  const tallest = heights.reduce((a, b) => (b[1] > a[1] ? b : a));
  assert.equal(tallest[0], 13, "13 is the most likely total of 4d6kh3");
  assert.match(await page.locator("#odds-summary").textContent(), /3 to 18 · mean 12\.24/);
  await shot(page, "05-odds-chart");
  assert.deepEqual(await accessibilityViolations(page), [], "the page with the chart");
  // A bad expression says where it is wrong.
  await page.getByLabel("Roll or message").fill("/r 2d6 +");
  await page.locator("#odds-error:not([hidden])").waitFor({ timeout: 3000 });
  assert.match(await page.locator("#odds-error").textContent(), /at character \d+/);
  // On a phone the chart fits the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel("Roll or message").fill("/r 3d6");
  await page.locator("#odds:not([hidden])").waitFor();
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0);
  await shot(page, "05b-odds-phone");
  assert.deepEqual(problems, []);
  await page.close();
});

test("app token from a bind code: live view, then revocation takes effect at once", async () => {
  const { page, problems } = await newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.getByLabel("Bind code").fill(await backend.bindCode());
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator('#status[data-state="live"]').waitFor({ timeout: 5000 });
  assert.equal(await page.locator("#channel-name").textContent(), CHANNEL, "an app token knows its channel");
  assert.equal(await page.locator("#admin").isHidden(), true, "no server panel for an app");
  await page.getByLabel("Roll or message").fill("/r 1d20+5 # attack");
  await page.getByLabel("Roll or message").press("Enter");
  await page.locator("#feed .msg", { hasText: "attack" }).last().waitFor({ timeout: 1000 });
  await shot(page, "08-app-signed-in");

  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("sidekick.session")).token);
  await page.evaluate(() => {
    const box = document.getElementById("revoked");
    window.__shown = new Promise((ok) => {
      new MutationObserver((_, o) => {
        if (!box.hidden) {
          o.disconnect();
          ok(Date.now());
        }
      }).observe(box, { attributes: true, attributeFilter: ["hidden"] });
    });
  });
  await backend.revoke(token);
  const revokedAt = Date.now(); // the server has revoked the token once this call returns
  await page.locator("#revoked:not([hidden])").waitFor({ timeout: 10_000 });
  const took = (await page.evaluate(() => window.__shown)) - revokedAt;
  assert.ok(took < 1000, `revocation took ${took} ms to show`);
  assert.equal(await page.locator("#app").isHidden(), true, "the channel is no longer shown");
  assert.equal(await page.locator("#feed > *").count(), 0, "the channel's messages are gone from the page");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("sidekick.session")), null);
  await shot(page, "09-revoked");
  assert.deepEqual(await accessibilityViolations(page), []);
  // The revoked token no longer works anywhere.
  const res = await fetch(`${backend.url}/v1/whoami`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 401);
  assert.deepEqual(problems.filter((p) => !/401/.test(p)), []);
  await page.close();
});

test("the page works with no server in mock mode (?mock)", async () => {
  const page = await browser.context.newPage();
  await page.goto(backend.url + "/?mock");
  await page.locator("#mock-badge:not([hidden])").waitFor();
  await page.getByLabel("Token", { exact: true }).fill("mock-app-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator('#status[data-state="live"]').waitFor({ timeout: 5000 });
  await page.locator("#feed .msg").first().waitFor();
  assert.ok((await page.locator("#plugs-body .plug").count()) >= 2, "canned plugs are listed");
  await page.evaluate(() => window.sidekickMock.runCommand({ channel: "tavern", user: "u3", userName: "Mira", text: "/r 1d20 # perception" }));
  await page.locator("#feed .msg", { hasText: "perception" }).first().waitFor({ timeout: 5000 });
  await shot(page, "10-mock-mode");
  await page.close();
});

test("with the WebSocket blocked the page stays live by long polling", async () => {
  const page = await browser.context.newPage();
  let attempts = 0;
  await page.routeWebSocket(/\/v1\/ws$/, (ws) => {
    attempts++;
    ws.close({ code: 1011, reason: "blocked by the test" });
  });
  await page.goto(backend.url + "/");
  await page.getByLabel("Token", { exact: true }).fill(backend.adminToken);
  await page.getByRole("textbox", { name: /^Channel/ }).fill(CHANNEL);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator('#status[data-state="polling"]').waitFor({ timeout: 5000 });
  assert.ok(attempts >= 2, "the socket was tried first");
  const marker = `poll${Date.now().toString(36)}`;
  const appeared = await watchFor(page, marker);
  await http("POST", "/v1/commands", { channel: CHANNEL, user: "u9", userName: "Pike", text: `/r 1d8 # ${marker}` });
  const latency = await appeared();
  assert.ok(latency < 1000, `the message took ${latency} ms from the server to the page`);
  assert.match(await page.locator("#status-text").textContent(), /long polling/);
  await shot(page, "11-long-polling");
  await page.close();
});
