import { test } from "node:test";
import assert from "node:assert/strict";
import { ConnectionError, RequestError, SidekickClient, TimeoutError } from "../src/client.js";
import { FrameError, FrameType, encodeFrame } from "../src/frames.js";
import { fakeSocketFactory, until } from "./helpers.js";

const noFetch = async () => {
  throw new Error("no HTTP in this test");
};

async function connected(options = {}) {
  const { FakeSocket, sockets } = fakeSocketFactory();
  const client = new SidekickClient({ token: "tok", baseUrl: "http://core.test", WebSocket: FakeSocket, fetch: noFetch, transport: "ws", ...options });
  const session = client.connect();
  await until(() => sockets.length === 1);
  await sockets[0].acceptAuth();
  await session;
  return { client, socket: sockets[0], sockets };
}

test("signs in with an auth frame first and becomes live", async () => {
  const { client, socket } = await connected();
  assert.equal(socket.url, "ws://core.test/v1/ws");
  assert.deepEqual(socket.sent[0], { type: FrameType.AUTH, name: "auth", payload: { token: "tok" } });
  assert.equal(client.state, "live");
  client.close();
});

test("a rejected token fails connect and revokes the client", async () => {
  const { FakeSocket, sockets } = fakeSocketFactory();
  const client = new SidekickClient({ token: "bad", baseUrl: "http://core.test", WebSocket: FakeSocket, fetch: noFetch, transport: "ws" });
  const session = client.connect();
  await until(() => sockets[0]?.sent.length === 1);
  sockets[0].push(FrameType.ERROR, "auth", { error: "unknown token", status: 401 });
  await assert.rejects(session, (e) => e.status === 401);
  assert.equal(client.state, "revoked");
});

test("requests carry fresh ids and resolve with the answer of the same id, in any order", async () => {
  const { client, socket } = await connected();
  const a = client.request("stats", { expr: "1d6" });
  const b = client.request("stats", { expr: "2d6" });
  await until(() => socket.sent.length === 3);
  const [ra, rb] = socket.sent.slice(1);
  assert.notEqual(ra.payload.id, rb.payload.id);
  socket.push(FrameType.MESSAGE, "stats", { id: rb.payload.id, max: 12 });
  socket.push(FrameType.MESSAGE, "stats", { id: ra.payload.id, max: 6 });
  assert.equal((await a).max, 6);
  assert.equal((await b).max, 12);
  client.close();
});

test("error and not_found frames reject the matching request with its status", async () => {
  const { client, socket } = await connected();
  const bad = client.request("stats", { expr: "1d" });
  const unknown = client.request("frobnicate");
  await until(() => socket.sent.length === 3);
  socket.push(FrameType.ERROR, "stats", { id: socket.sent[1].payload.id, error: "expected sides", status: 400 });
  socket.push(FrameType.NOT_FOUND, "frobnicate", { id: socket.sent[2].payload.id, error: "no such event" });
  await assert.rejects(bad, (e) => e instanceof RequestError && e.status === 400 && e.message === "expected sides");
  await assert.rejects(unknown, (e) => e instanceof RequestError && e.status === 404);
  client.close();
});

test("a request with no answer times out and a late answer is ignored", async () => {
  const { client, socket } = await connected({ requestTimeoutMs: 30 });
  const errors = [];
  client.onError((e) => errors.push(e));
  await assert.rejects(client.request("ping"), TimeoutError);
  socket.push(FrameType.MESSAGE, "ping", { id: socket.sent[1].payload.id });
  assert.equal(client.pending.size, 0);
  assert.deepEqual(errors, []);
  client.close();
});

test("no more than maxInFlight requests are on the wire; the rest wait their turn", async () => {
  const { client, socket } = await connected({ maxInFlight: 2 });
  const answers = [1, 2, 3].map((n) => client.request("ping", { n }));
  await until(() => socket.sent.length === 3);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(socket.sent.length, 3, "the third request waits");
  socket.push(FrameType.MESSAGE, "ping", { id: socket.sent[1].payload.id });
  await until(() => socket.sent.length === 4);
  assert.equal(socket.sent[3].payload.n, 3);
  socket.push(FrameType.MESSAGE, "ping", { id: socket.sent[2].payload.id });
  socket.push(FrameType.MESSAGE, "ping", { id: socket.sent[3].payload.id });
  await Promise.all(answers);
  client.close();
});

test("a closed socket fails pending requests with ConnectionError", async () => {
  const { client, socket } = await connected({ backoff: { initialMs: 5000 } });
  const pending = client.request("ping");
  await until(() => socket.sent.length === 2);
  socket.serverClose(1006);
  await assert.rejects(pending, ConnectionError);
  client.close();
});

test("broadcasts are decoded only for event types someone listens to", async () => {
  const { client, socket } = await connected();
  const rolls = [];
  const errors = [];
  client.on("roll", (e) => rolls.push(e));
  client.onError((e) => errors.push(e));
  // A payload that would fail to decode: harmless when nobody listens to "reply"...
  socket.push(FrameType.BROADCAST, "reply", encodeFrame(FrameType.BROADCAST, "reply", "{not json"));
  assert.deepEqual(errors, []);
  // ...but reported when somebody listens to the type.
  socket.push(FrameType.BROADCAST, "roll", encodeFrame(FrameType.BROADCAST, "roll", "{not json"));
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof FrameError);
  socket.push(FrameType.BROADCAST, "roll", { seq: 1, type: "roll", channel: "c1", total: 7 });
  assert.deepEqual(rolls.map((e) => e.total), [7]);
  client.close();
});

test("a '*' listener receives every type; unsubscribing a listener stops decoding", async () => {
  const { client, socket } = await connected();
  const seen = [];
  const off = client.on("*", (e) => seen.push(e.type));
  socket.push(FrameType.BROADCAST, "roll", { seq: 1, type: "roll", channel: "c" });
  socket.push(FrameType.BROADCAST, "plug_added", { seq: 2, type: "plug_added", channel: "c" });
  off();
  assert.equal(client.wants("roll"), false);
  socket.push(FrameType.BROADCAST, "roll", { seq: 3, type: "roll", channel: "c" });
  assert.deepEqual(seen, ["roll", "plug_added"]);
  client.close();
});

test("broken frames from the server are reported, not thrown, and the connection stays up", async () => {
  const { client, socket } = await connected();
  const errors = [];
  client.onError((e) => errors.push(e));
  socket.onmessage({ data: new Uint8Array([0, 0, 0, 9, 1]).buffer });
  socket.onmessage({ data: "text frame" });
  assert.equal(errors.length, 2);
  assert.equal(client.state, "live");
  client.close();
});

test("subscribe delivers catch-up events once, then live broadcasts, dropping duplicates", async () => {
  const { client, socket } = await connected();
  const seqs = [];
  client.on("*", (e) => seqs.push(e.seq));
  const sub = client.subscribe("c1", { after: 0 });
  await until(() => socket.sent.length === 2);
  const req = socket.sent[1];
  assert.deepEqual({ name: req.name, channel: req.payload.channel, after: req.payload.after }, { name: "subscribe", channel: "c1", after: 0 });
  socket.push(FrameType.SYNC, "subscribe", { id: req.payload.id, channel: "c1", events: [{ seq: 1, type: "roll" }, { seq: 2, type: "reply" }], next: 2 });
  await sub;
  socket.push(FrameType.BROADCAST, "reply", { seq: 2, type: "reply", channel: "c1" });
  socket.push(FrameType.BROADCAST, "roll", { seq: 3, type: "roll", channel: "c1" });
  assert.deepEqual(seqs, [1, 2, 3]);
  client.close();
});

test("after a reconnect every channel is re-subscribed from the last seq seen, including undecoded events", async () => {
  const { client, socket, sockets } = await connected({ backoff: { initialMs: 5, jitter: 0 } });
  client.on("reply", () => {});
  const sub = client.subscribe("c1", { after: 10 });
  await until(() => socket.sent.length === 2);
  socket.push(FrameType.SYNC, "subscribe", { id: socket.sent[1].payload.id, channel: "c1", events: [{ seq: 11, type: "reply" }], next: 11 });
  await sub;
  socket.push(FrameType.BROADCAST, "roll", { seq: 12, type: "roll", channel: "c1" }); // nobody listens: only peeked
  const states = [];
  client.onStatus((s) => states.push(s.state));
  socket.serverClose(1006);
  await until(() => sockets.length === 2);
  await sockets[1].acceptAuth();
  await until(() => sockets[1].sent.some((f) => f.name === "subscribe"));
  const resub = sockets[1].sent.find((f) => f.name === "subscribe");
  assert.equal(resub.payload.after, 12);
  assert.deepEqual(states.slice(0, 1), ["reconnecting"]);
  assert.equal(states.at(-1), "live");
  client.close();
});

test("reconnect delays back off exponentially and reset once live", async () => {
  const { FakeSocket, sockets } = fakeSocketFactory();
  const client = new SidekickClient({ token: "t", baseUrl: "http://x", WebSocket: FakeSocket, fetch: noFetch, transport: "ws", backoff: { initialMs: 4, factor: 2, jitter: 0, maxMs: 20 } });
  const delays = [];
  client.onStatus((s) => s.delayMs !== undefined && delays.push(s.delayMs));
  const session = client.connect();
  for (let i = 0; i < 5; i++) {
    await until(() => sockets.length === i + 1 && sockets[i].readyState === 1);
    sockets[i].serverClose(1006);
  }
  await until(() => sockets.length === 6);
  await sockets[5].acceptAuth();
  await session;
  assert.deepEqual(delays, [4, 8, 16, 20, 20]);
  assert.equal(client.backoff.attempt, 0);
  client.close();
});

test("close code 4401 means revoked: no reconnect, state says so", async () => {
  const { client, socket, sockets } = await connected({ backoff: { initialMs: 1, jitter: 0 } });
  const states = [];
  client.onStatus((s) => states.push(s));
  socket.serverClose(4401, "token revoked");
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(sockets.length, 1);
  assert.equal(client.state, "revoked");
  assert.equal(states.at(-1).reason, "token revoked");
  await assert.rejects(client.request("ping"), ConnectionError);
});

test("a page's next moves the resume position even past events the page left out", async () => {
  const { client, socket, sockets } = await connected({ backoff: { initialMs: 5, jitter: 0 } });
  const sub = client.subscribe("c1", { after: 0 });
  await until(() => socket.sent.length === 2);
  socket.push(FrameType.SYNC, "subscribe", { id: socket.sent[1].payload.id, channel: "c1", events: [{ seq: 40, type: "roll" }], next: 42, truncated: true });
  await sub;
  socket.serverClose(1006);
  await until(() => sockets.length === 2);
  await sockets[1].acceptAuth();
  await until(() => sockets[1].sent.some((f) => f.name === "subscribe"));
  assert.equal(sockets[1].sent.find((f) => f.name === "subscribe").payload.after, 42);
  client.close();
});

test("a command cut off by a dropped socket is retried over HTTP with the same idempotency key", async () => {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    return new Response(JSON.stringify({ reply: "**Grog** rolled 1d6 (4) = `4`", rolls: [], micros: 9 }), { status: 200 });
  };
  const { client, socket } = await connected({ fetch, backoff: { initialMs: 5000 } });
  const answer = client.command({ channel: "c1", user: "u1", text: "/r 1d6" });
  await until(() => socket.sent.length === 2);
  const key = socket.sent[1].payload.idempotencyKey;
  assert.ok(key, "the socket request carries a key");
  socket.serverClose(1006);
  assert.equal((await answer).reply, "**Grog** rolled 1d6 (4) = `4`");
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, "http://core.test/v1/commands");
  assert.equal(calls[0].init.headers["Idempotency-Key"], key);
  const second = client.command({ channel: "c1", user: "u1", text: "/r 1d6" });
  await second;
  assert.notEqual(calls[1].init.headers["Idempotency-Key"], key, "each command has its own key");
  client.close();
});

test("an error answer is not retried", async () => {
  const { client, socket } = await connected({ fetch: async () => assert.fail("no HTTP retry") });
  const answer = client.command({ channel: "c1", text: "/r 1d" });
  await until(() => socket.sent.length === 2);
  socket.push(FrameType.ERROR, "command", { id: socket.sent[1].payload.id, error: "bad dice", status: 400 });
  await assert.rejects(answer, (e) => e.status === 400);
  client.close();
});

test("connect() gives up when neither the socket nor HTTP can reach the server", async () => {
  const { FakeSocket, sockets } = fakeSocketFactory();
  const fetch = async () => {
    throw new TypeError("fetch failed");
  };
  const client = new SidekickClient({ token: "t", baseUrl: "http://nowhere.test", WebSocket: FakeSocket, fetch, backoff: { initialMs: 5, jitter: 0 } });
  const session = client.connect();
  for (let i = 0; i < 2; i++) {
    await until(() => sockets.length === i + 1 && sockets[i].readyState === 1);
    sockets[i].serverClose(1006);
  }
  await assert.rejects(session, (e) => e instanceof ConnectionError && /cannot reach the server/.test(e.message));
  assert.equal(client.state, "closed");
  const count = sockets.length;
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(sockets.length, count, "no more attempts");
});
