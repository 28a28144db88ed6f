import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { SidekickClient } from "../src/client.js";
import { ApiError, HttpApi } from "../src/http.js";
import { MOCK_ADMIN_TOKEN, MOCK_APP_TOKEN, MOCK_BIND_CODE, MOCK_CHANNEL, MockBackend } from "../src/mock.js";
import { diceStats, findInline, parseDice, rollDice, seededRandom } from "../src/mock-dice.js";
import { until } from "./helpers.js";

const WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const api = (mock, token) => new HttpApi({ baseUrl: mock.baseUrl, token, fetch: mock.fetch });

test("mock HTTP answers have the contract's shapes", async () => {
  const mock = new MockBackend();
  const admin = api(mock, MOCK_ADMIN_TOKEN);
  assert.deepEqual(await admin.whoami(), { kind: "admin", user: null, channel: null });
  const answer = await admin.command({ channel: "c9", user: "u7", userName: "Pike", text: "/r 1d20+5 # attack" });
  assert.deepEqual(Object.keys(answer).sort(), ["micros", "reply", "rolls"]);
  assert.equal(answer.rolls[0].expr, "1d20+5");
  assert.ok(answer.rolls[0].total >= 6 && answer.rolls[0].total <= 25);
  assert.match(answer.reply, /^\*\*Pike\*\* rolled 1d20 \(\d+\) \+ 5 = `\d+` · \*attack\*$/);
  assert.deepEqual(await admin.command({ channel: "c9", text: "just chatting" }), { reply: null });
  const plugs = await admin.plugs(MOCK_CHANNEL);
  assert.deepEqual(Object.keys(plugs[0]).sort(), ["bytesIn", "bytesOut", "calls", "errors", "hash", "len", "name", "p50Micros", "p99Micros", "uploadedAt", "uploadedBy"]);
  assert.deepEqual(Object.keys(await admin.storeStats()).sort(), ["blobs", "rawBytes", "references", "storedBytes"]);
  assert.deepEqual(Object.keys((await admin.shards())[0]).sort(), ["guilds", "latencyMillis", "queue", "reportedAt", "shard", "shardsTotal", "state"]);
});

test("mock events carry seq, type, at, channel and the type's fields", async () => {
  const mock = new MockBackend({ canned: false });
  const admin = api(mock, MOCK_ADMIN_TOKEN);
  await admin.command({ channel: "c1", user: "u1", userName: "Grog", text: "/r 2d6" });
  const { events, next } = await admin.events("c1", { after: 0, wait: 0 });
  assert.deepEqual(events.map((e) => [e.seq, e.type]), [[1, "roll"], [2, "reply"]]);
  assert.equal(next, 2);
  assert.ok(!Number.isNaN(Date.parse(events[0].at)));
  assert.deepEqual(Object.keys(events[1]).sort(), ["at", "channel", "command", "micros", "reply", "seq", "type", "user", "userName"]);
});

test("plug upload checks the module, hashes it with SHA-256 and records plug_added", async () => {
  const mock = new MockBackend({ canned: false });
  const admin = api(mock, MOCK_ADMIN_TOKEN);
  await assert.rejects(admin.putPlug("c1", "bad", new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), (e) => e.status === 400 && /WebAssembly/.test(e.message));
  await assert.rejects(admin.putPlug("c1", "huge", new Uint8Array(4 * 1024 * 1024 + 1)), (e) => e.status === 413);
  const put = await admin.putPlug("c1", "crits", WASM, { user: "u1" });
  assert.equal(put.hash, createHash("sha256").update(WASM).digest("hex"));
  assert.equal(put.len, 8);
  const again = await admin.putPlug("c1", "crits", WASM);
  assert.equal(again.hash, put.hash);
  const { events } = await admin.events("c1", { after: 0, wait: 0 });
  assert.deepEqual(events.map((e) => [e.type, e.replaced]), [["plug_added", false], ["plug_added", true]]);
  assert.equal(await admin.removePlug("c1", "crits"), null);
  await assert.rejects(admin.removePlug("c1", "crits"), (e) => e.status === 404);
  assert.deepEqual(await admin.plugs("c1"), []);
});

test("tokens: 401 without one, app tokens stay in their channel, admin-only calls say 403", async () => {
  const mock = new MockBackend();
  await assert.rejects(api(mock, null).whoami(), (e) => e instanceof ApiError && e.status === 401);
  await assert.rejects(api(mock, "nope").plugs(MOCK_CHANNEL), (e) => e.status === 401);
  const app = api(mock, MOCK_APP_TOKEN);
  assert.equal((await app.plugs(MOCK_CHANNEL)).length, 2);
  await assert.rejects(app.plugs("elsewhere"), (e) => e.status === 403);
  await assert.rejects(app.storeStats(), (e) => e.status === 403);
  const reply = await app.command({ channel: "ignored", user: "someone-else", text: "/r 1d4" });
  assert.match(reply.reply, /^\*\*Grog\*\*/, "an app token acts as its bound user");
});

test("a bind code is exchanged once for an app token", async () => {
  const mock = new MockBackend();
  const anon = api(mock, null);
  const bound = await anon.bind(MOCK_BIND_CODE);
  assert.equal(bound.channel, MOCK_CHANNEL);
  assert.deepEqual(await api(mock, bound.token).whoami(), { kind: "app", user: bound.user, channel: MOCK_CHANNEL });
  await assert.rejects(anon.bind(MOCK_BIND_CODE), (e) => e.status === 404);
});

test("long polls wait for the next event and wake as soon as it happens", async () => {
  const mock = new MockBackend({ canned: false });
  const admin = api(mock, MOCK_ADMIN_TOKEN);
  const started = Date.now();
  const poll = admin.events("c1", { after: 0, wait: 5 });
  setTimeout(() => admin.command({ channel: "c1", text: "/r 1d6" }), 30);
  const { events } = await poll;
  assert.equal(events[0].type, "roll");
  assert.ok(Date.now() - started < 2000);
  const empty = await admin.events("c1", { after: 99, wait: 0 });
  assert.deepEqual(empty, { events: [], next: 99 }, "next is the asked-for seq when there is nothing");
});

test("stats: exact distributions in the shape of sidekick stats --json", () => {
  const s = diceStats("3d6");
  assert.equal(s.min, 3);
  assert.equal(s.max, 18);
  assert.equal(s.mean, 10.5);
  assert.equal(s.pmf.length, 16);
  assert.ok(Math.abs(s.pmf.reduce((a, [, p]) => a + p, 0) - 1) < 1e-6);
  assert.equal(s.pmf[0][1], 0.00462963); // 1/216
  const k = diceStats("4d6kh3");
  assert.equal(k.mean, 12.2446);
  assert.equal(k.pmf[0][1], 0.000771605); // 1/1296
  assert.equal(diceStats("1d20+5").min, 6);
  assert.equal(diceStats("d%").max, 100);
});

test("dice: parsing errors carry a position, rolls are seeded and rendered like the core", () => {
  assert.throws(() => parseDice("2d6 +"), (e) => e.position === 5 && /after "\+"/.test(e.message));
  assert.throws(() => parseDice("2d6 x"), (e) => e.position === 4);
  assert.throws(() => parseDice("5d6kh9"), /cannot kh 9 of 5/);
  const a = rollDice("4d6kh3", seededRandom(1));
  const b = rollDice("4d6kh3", seededRandom(1));
  assert.deepEqual(a, b);
  assert.match(a.text, /^4d6kh3 \((\*\*6\*\*|~~\d~~|\d)(, (\*\*6\*\*|~~\d~~|\d)){3}\) = `\d+`$/);
  assert.equal((a.text.match(/~~/g) || []).length, 2, "one die dropped");
  assert.deepEqual(findInline("I swing for 2d6+3 slashing and d20"), [
    { expr: "2d6+3", start: 12, end: 17 },
    { expr: "d20", start: 31, end: 34 },
  ]);
});

test("dice rolls are uniform: 60,000 seeded d6 rolls pass a chi-square test", () => {
  const random = seededRandom(7);
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60_000; i++) counts[rollDice("1d6", random).total - 1]++;
  const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
  assert.ok(chi2 < 20.5, `chi-square ${chi2} over the 0.1% critical value for 5 degrees of freedom`);
});

test("the client in mock mode: live events, resume after a dropped connection without gaps or repeats", async () => {
  const mock = new MockBackend({ canned: false });
  const client = new SidekickClient({ mock, token: MOCK_ADMIN_TOKEN, backoff: { initialMs: 5, jitter: 0 } });
  const seqs = [];
  client.on("*", (e) => seqs.push(e.seq));
  await client.connect();
  await client.subscribe("c1");
  await client.command({ channel: "c1", text: "/r 1d6" });
  await until(() => seqs.length === 2);
  mock.offline = true;
  mock.dropConnections();
  await until(() => client.state !== "live");
  const admin = api(mock, MOCK_ADMIN_TOKEN);
  await admin.command({ channel: "c1", text: "/r 1d8" });
  await admin.command({ channel: "c1", text: "/r 1d10" });
  mock.offline = false;
  await until(() => seqs.length === 6);
  await admin.command({ channel: "c1", text: "/r 1d12" });
  await until(() => seqs.length === 8);
  assert.deepEqual(seqs, [1, 2, 3, 4, 5, 6, 7, 8]);
  client.close();
});

test("auto transport falls back to long polling while the socket is down, then returns to it", async () => {
  const mock = new MockBackend({ canned: false });
  mock.offline = true;
  const client = new SidekickClient({ mock, token: MOCK_ADMIN_TOKEN, fallbackAfterFailures: 2, pollWaitSeconds: 2, backoff: { initialMs: 20, maxMs: 40, jitter: 0 } });
  const states = [];
  client.onStatus((s) => states.push(s.state));
  const seqs = [];
  client.on("reply", (e) => seqs.push(e.seq));
  const who = await client.connect();
  assert.equal(who.kind, "admin");
  assert.equal(client.state, "polling");
  await client.subscribe("c1");
  await api(mock, MOCK_ADMIN_TOKEN).command({ channel: "c1", text: "/r 1d6" });
  await until(() => seqs.length === 1);
  mock.offline = false;
  await until(() => client.state === "live");
  await client.command({ channel: "c1", text: "/r 1d6" });
  await until(() => seqs.length === 2);
  assert.deepEqual(seqs, [2, 4]);
  assert.ok(states.includes("polling") && states.at(-1) === "live");
  client.close();
});

test("polling-only transport follows a channel and sees revocation as a 401", async () => {
  const mock = new MockBackend({ canned: false });
  const client = new SidekickClient({ mock, token: MOCK_APP_TOKEN, transport: "poll", pollWaitSeconds: 2 });
  const types = [];
  client.on("*", (e) => types.push(e.type));
  await client.connect();
  await client.subscribe(MOCK_CHANNEL);
  await client.command({ channel: MOCK_CHANNEL, text: "/r 1d6" });
  await until(() => types.length === 2);
  mock.revoke(MOCK_APP_TOKEN);
  await until(() => client.state === "revoked");
  assert.equal(client.polling, false);
});

test("revoking the token closes the live socket with 4401 and the client stops", async () => {
  const mock = new MockBackend();
  const client = new SidekickClient({ mock, token: MOCK_APP_TOKEN, backoff: { initialMs: 5 } });
  await client.connect();
  await client.subscribe(MOCK_CHANNEL);
  mock.revoke(MOCK_APP_TOKEN);
  await until(() => client.state === "revoked");
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(mock.sessions.size, 0, "no reconnect attempt");
  await assert.rejects(client.plugs(MOCK_CHANNEL), (e) => e.status === 401);
});

test("HttpApi reports Retry-After and non-JSON error bodies", async () => {
  const fetch = async () => new Response("slow down", { status: 429, headers: { "Retry-After": "3" } });
  const err = await new HttpApi({ baseUrl: "http://x", token: "t", fetch }).whoami().catch((e) => e);
  assert.equal(err.status, 429);
  assert.equal(err.retryAfterSeconds, 3);
  assert.equal(err.message, "slow down");
});

test("mock commands honour idempotency keys over HTTP and the socket alike", async () => {
  const mock = new MockBackend({ canned: false });
  const admin = api(mock, MOCK_ADMIN_TOKEN);
  const first = await admin.command({ channel: "c1", text: "/r 1d100" }, { idempotencyKey: "k1" });
  const again = await admin.command({ channel: "c1", text: "/r 1d100" }, { idempotencyKey: "k1" });
  assert.deepEqual(again, first);
  const { events } = await admin.events("c1", { after: 0, wait: 0 });
  assert.equal(events.filter((e) => e.type === "reply").length, 1, "ran once");
  const client = new SidekickClient({ mock, token: MOCK_ADMIN_TOKEN });
  await client.connect();
  const viaSocket = await client.request("command", { channel: "c1", text: "/r 1d100", idempotencyKey: "k1" });
  assert.equal(viaSocket.reply, first.reply);
  client.close();
});
