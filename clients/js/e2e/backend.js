// The server the browser tests drive, chosen by SIDEKICK_E2E_BACKEND:
//   real (default when cli/target/sidekick.jar exists): `./sidekick serve` on a free port with a fresh
//         data directory, signed in with DATA/admin.token;
//   mock (default otherwise): e2e/mock-server.js, the client's MockBackend over real HTTP and WebSocket.
// Both give {kind, url, adminToken, bindCode(), revoke(token), close()}.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MOCK_ADMIN_TOKEN, MOCK_BIND_CODE } from "../src/mock.js";
import { startMockServer } from "./mock-server.js";

const REPO = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const JAR = join(REPO, "cli/target/sidekick.jar");
/** How long `sidekick serve` may take to say it is listening. */
const START_TIMEOUT_MS = 60_000;

export function backendKind() {
  return process.env.SIDEKICK_E2E_BACKEND || (existsSync(JAR) ? "real" : "mock");
}

export async function startBackend(kind = backendKind()) {
  return kind === "real" ? startRealServer() : startMock();
}

async function startMock() {
  const server = await startMockServer();
  return {
    kind: "mock",
    url: server.url,
    adminToken: MOCK_ADMIN_TOKEN,
    async bindCode() {
      return MOCK_BIND_CODE;
    },
    async revoke(token) {
      if (!server.backend.revoke(token)) throw new Error("no such token to revoke");
    },
    close: () => server.close(),
  };
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function call(url, token, method, path, body) {
  const res = await fetch(url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function startRealServer() {
  if (!existsSync(JAR)) throw new Error(`${JAR} is missing: build it with mvn -q -DskipTests package`);
  const data = mkdtempSync(join(tmpdir(), "sidekick-e2e-"));
  const port = await freePort();
  const proc = spawn(join(REPO, "sidekick"), ["serve", "--port", String(port), "--bind", "127.0.0.1", "--data", data], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  proc.stderr.on("data", (d) => (log = (log + d).slice(-20_000)));
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`sidekick serve did not start in ${START_TIMEOUT_MS} ms:\n${log}`)), START_TIMEOUT_MS);
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1].replace(/\/$/, ""));
      }
    });
    proc.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`sidekick serve exited with ${code}:\n${out}\n${log}`));
    });
  });
  const adminToken = readFileSync(join(data, "admin.token"), "utf8").trim();
  return {
    kind: "real",
    url,
    adminToken,
    /** What a player does: `/r bind app` in the channel; the (ephemeral) reply holds the code. */
    async bindCode({ channel = "tavern", user = "u7", userName = "Vex" } = {}) {
      const answer = await call(url, adminToken, "POST", "/v1/commands", { channel, server: "s1", user, userName, text: "/r bind app", canManagePlugs: false });
      const m = /\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(answer.reply || "") || /`([^`\s/]{6,})`/.exec(answer.reply || "");
      if (!m) throw new Error(`no code in the reply to /r bind app: ${answer.reply}`);
      return m[1];
    },
    /** The player takes the app's access back: `/r unbind app` in the channel. */
    async revoke(token) {
      const who = await call(url, token, "GET", "/v1/whoami");
      await call(url, adminToken, "POST", "/v1/commands", { channel: who.channel, server: "s1", user: who.user, userName: who.user, text: "/r unbind app", canManagePlugs: false });
    },
    async close() {
      if (proc.exitCode === null) {
        proc.kill("SIGTERM");
        await new Promise((ok) => {
          const force = setTimeout(() => proc.kill("SIGKILL"), 10_000);
          proc.on("exit", () => {
            clearTimeout(force);
            ok();
          });
        });
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}
