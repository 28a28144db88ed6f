// Mock mode: an in-memory stand-in for the core with canned channels, plugs, shards and tokens, whose
// answers have the same shapes as the real server's (CONTRACT §2, §3, docs/protocol.md).
//
// It speaks both faces of the core: `backend.fetch` answers HTTP calls, and `backend.WebSocket` is a
// WebSocket class exchanging real binary frames. So `new SidekickClient({mock: backend, token})`
// runs every code path of the client (frames, routing, reconnect, long polling) with no server.
// `openSession()` lets a real WebSocket server (see e2e/mock-server.js) reuse the same logic.

import { FrameError, FrameType, decodeFrame, encodeFrame } from "./frames.js";
import { DiceError, diceStats, findInline, rollDice, seededRandom } from "./mock-dice.js";

export const MOCK_ADMIN_TOKEN = "mock-admin-token";
export const MOCK_APP_TOKEN = "mock-app-token";
export const MOCK_BIND_CODE = "ABCD-1234";
export const MOCK_CHANNEL = "tavern";

/** Limits of the mock, matching the core's defaults where the core has one. */
export const MOCK_LIMITS = Object.freeze({
  maxPlugBytes: 4 * 1024 * 1024,
  maxWaitSeconds: 60,
  eventsKept: 500,
  eventsPerAnswer: 200,
});

class MockError extends Error {
  constructor(status, message, extra = {}) {
    super(message);
    this.status = status;
    this.extra = extra;
  }
}

function abortError() {
  return typeof DOMException === "function" ? new DOMException("The operation was aborted.", "AbortError") : Object.assign(new Error("aborted"), { name: "AbortError" });
}

async function sha256Hex(bytes) {
  if (globalThis.crypto?.subtle) {
    const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  }
  // Insecure contexts have no SubtleCrypto: an FNV-1a stand-in keeps the mock working.
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0").repeat(8);
}

function base64ToBytes(b64) {
  const bin = atob(String(b64));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export class MockBackend {
  /**
   * @param {object} [o]
   * @param {number} [o.seed]        seed of the dice and the canned latencies
   * @param {boolean} [o.canned]     start with a channel history, plugs and shards (default true)
   * @param {string} [o.baseUrl]     the origin the mock pretends to be
   * @param {number} [o.latencyMs]   delay before each answer, to look like a network
   */
  constructor({ seed = 42, canned = true, baseUrl = "http://mock.sidekick.invalid", latencyMs = 0 } = {}) {
    this.random = seededRandom(seed);
    this.baseUrl = baseUrl;
    this.latencyMs = latencyMs;
    this.tokens = new Map(); // token -> {id, kind, user, channel, revoked}
    this.bindCodes = new Map(); // code -> {user, userName, channel}
    this.channels = new Map(); // name -> {seq, events, plugs: Map}
    this.shardsList = [];
    this.sessions = new Set();
    this.waiters = new Set();
    this.idempotent = new Map(); // "tokenId:key" -> first answer
    this.offline = false; // when true, new WebSockets fail to open (tests of reconnect and fallback)
    this.nextTokenId = 1;
    this.addToken(MOCK_ADMIN_TOKEN, { kind: "admin" });
    this.addToken(MOCK_APP_TOKEN, { kind: "app", user: "u1", userName: "Grog", channel: MOCK_CHANNEL });
    this.bindCodes.set(MOCK_BIND_CODE, { user: "u2", userName: "Vex", channel: MOCK_CHANNEL });
    if (canned) this.loadCannedData();
    this.fetch = this.fetch.bind(this);
    this.WebSocket = makeMockWebSocket(this);
  }

  addToken(token, { kind, user = null, userName = null, channel = null }) {
    this.tokens.set(token, { id: `t${this.nextTokenId++}`, kind, user, userName, channel, revoked: false });
    return token;
  }

  loadCannedData() {
    const at = (min) => new Date(Date.UTC(2026, 10, 22, 19, min, 0)).toISOString();
    const ch = this.channel(MOCK_CHANNEL);
    const plug = (name, len, uploadedBy, calls, errors, p50, p99) => {
      ch.plugs.set(name, {
        name, hash: (name.charCodeAt(0).toString(16) + "7f3a9c").repeat(8).slice(0, 64), len, uploadedBy,
        uploadedAt: at(1), calls, errors, p50Micros: p50, p99Micros: p99, bytesIn: calls * 180, bytesOut: calls * 95, bytes: new Uint8Array(0),
      });
    };
    plug("crits", 18_432, "u1", 42, 1, 85, 410);
    plug("advantage", 9_870, "u3", 17, 0, 61, 220);
    this.append(MOCK_CHANNEL, { type: "plug_added", name: "crits", hash: ch.plugs.get("crits").hash, len: 18_432, user: "u1", replaced: false }, at(1));
    const said = (user, userName, text, min) => {
      const answer = this.runCommand({ channel: MOCK_CHANNEL, user, userName, text }, at(min));
      return answer;
    };
    said("u3", "Mira", "/r 1d20+3 # initiative", 2);
    said("u1", "Grog", "I swing my axe for 1d12+4 slashing, then 2d6 fire", 3);
    said("u3", "Mira", "/r 4d6kh3 # strength", 4);
    this.shardsList = [
      { shard: 0, shardsTotal: 2, state: "CONNECTED", guilds: 1204, latencyMillis: 41, queue: 0, reportedAt: at(5) },
      { shard: 1, shardsTotal: 2, state: "CONNECTED", guilds: 1187, latencyMillis: 57, queue: 2, reportedAt: at(5) },
    ];
  }

  /**
   * Makes the canned players talk every `intervalMs` (a command, now and then a plug upload), so a
   * page in mock mode shows live traffic. Returns a function that stops it.
   */
  startChatter(intervalMs = 8000, channel = MOCK_CHANNEL) {
    const lines = [
      ["u3", "Mira", "/r 1d20+3 # perception"],
      ["u1", "Grog", "I hit it with my axe for 1d12+4"],
      ["u4", "Pike", "/r 2d8+2 # healing word"],
      ["u3", "Mira", "/r 4d6kh3 # new character, strength"],
      ["u1", "Grog", "/r d20 # initiative"],
    ];
    let n = 0;
    const timer = setInterval(() => {
      const [user, userName, text] = lines[n++ % lines.length];
      this.runCommand({ channel, user, userName, text });
    }, intervalMs);
    return () => clearInterval(timer);
  }

  channel(name) {
    let ch = this.channels.get(name);
    if (!ch) this.channels.set(name, (ch = { seq: 0, events: [], plugs: new Map() }));
    return ch;
  }

  /** Adds an event to a channel's feed and pushes it to subscribers and waiting long polls. */
  append(channel, fields, at = new Date().toISOString()) {
    const ch = this.channel(channel);
    const event = { seq: ++ch.seq, type: fields.type, at, channel, ...fields };
    ch.events.push(event);
    if (ch.events.length > MOCK_LIMITS.eventsKept) ch.events.splice(0, ch.events.length - MOCK_LIMITS.eventsKept);
    for (const session of this.sessions) session.push(event);
    for (const w of [...this.waiters]) if (w.channel === channel) w.wake();
    return event;
  }

  // ---- authorisation -----------------------------------------------------------------------------

  authenticate(token) {
    const t = token ? this.tokens.get(token) : undefined;
    if (!t || t.revoked) throw new MockError(401, "unknown or revoked token");
    return t;
  }

  requireChannel(auth, channel) {
    if (!channel) throw new MockError(400, "channel is required");
    if (auth.kind === "app" && auth.channel !== channel) throw new MockError(403, `this app token is bound to channel ${auth.channel}`);
  }

  requireAdmin(auth) {
    if (auth.kind !== "admin") throw new MockError(403, "admin token required");
  }

  /** Revokes a token: its WebSockets close with 4401 and every later call gets 401. */
  revoke(token) {
    const t = this.tokens.get(token);
    if (!t || t.revoked) return false;
    t.revoked = true;
    if (t.channel) this.append(t.channel, { type: "revoked", tokenId: t.id, kind: t.kind, user: t.user });
    for (const session of [...this.sessions]) if (session.token === token) session.close(4401, "token revoked");
    for (const w of [...this.waiters]) if (w.token === token) w.wake();
    return true;
  }

  /** Closes every open WebSocket as a network failure would (code 1006). */
  dropConnections() {
    for (const session of [...this.sessions]) session.close(1006, "connection lost");
  }

  // ---- operations shared by HTTP and WebSocket ---------------------------------------------------

  whoami(auth) {
    return { kind: auth.kind, user: auth.user, channel: auth.channel };
  }

  bind(code) {
    const entry = this.bindCodes.get(String(code || "").trim().toUpperCase());
    if (!entry) throw new MockError(404, "unknown or expired code");
    this.bindCodes.delete(String(code).trim().toUpperCase());
    const token = this.addToken(`mock-app-${Math.floor(this.random() * 1e12).toString(36)}`, { kind: "app", ...entry });
    return { token, channel: entry.channel, user: entry.user };
  }

  command(auth, body, idempotencyKey) {
    if (!body || typeof body.text !== "string") throw new MockError(400, "text is required");
    if (idempotencyKey) {
      // Like the core: a repeat of a key by the same token gets the first answer, the command runs once.
      const k = `${auth.id}:${idempotencyKey}`;
      if (!this.idempotent.has(k)) this.idempotent.set(k, this.command(auth, body));
      return this.idempotent.get(k);
    }
    const channel = auth.kind === "app" ? auth.channel : body.channel;
    this.requireChannel(auth, channel);
    const user = auth.kind === "app" ? auth.user : body.user || "u0";
    const userName = auth.kind === "app" ? auth.userName || auth.user : body.userName || user;
    return this.runCommand({ ...body, channel, user, userName });
  }

  /** Rolls `/r EXPR [# note]` or the dice inside free text, records roll and reply events, answers like the core. */
  runCommand({ channel, user, userName, text }, at) {
    const started = this.random();
    const rolls = [];
    let reply = null;
    const slash = /^\/(?:r|roll)\s+(.*)$/is.exec(text.trim());
    if (slash) {
      const [exprPart, ...note] = slash[1].split("#");
      try {
        const r = rollDice(exprPart, this.random);
        rolls.push(r);
        reply = `**${userName}** rolled ${r.text}` + (note.length ? ` · *${note.join("#").trim()}*` : "");
      } catch (e) {
        if (!(e instanceof DiceError)) throw e;
        reply = `⚠️ ${e.message}` + (e.position !== undefined ? ` (at ${e.position + 1})` : "");
      }
    } else {
      const found = findInline(text);
      if (found.length) {
        let out = "";
        let last = 0;
        for (const f of found) {
          const r = rollDice(f.expr, this.random);
          rolls.push({ ...r, start: f.start, end: f.end });
          out += text.slice(last, f.start) + r.text;
          last = f.end;
        }
        reply = `**${userName}**: ${out}${text.slice(last)}`;
      }
    }
    if (reply === null) return { reply: null };
    const micros = 40 + Math.floor(started * 300);
    this.countPlugCalls(channel, text.length, reply.length);
    for (const r of rolls) this.append(channel, { type: "roll", user, userName, expr: r.expr, total: r.total, text: r.text }, at);
    this.append(channel, { type: "reply", user, userName, command: text, reply, micros }, at);
    return { reply, rolls: rolls.map(({ expr, total, text: t, start, end }) => ({ expr, total, text: t, start, end })), micros };
  }

  countPlugCalls(channel, inBytes, outBytes) {
    for (const p of this.channel(channel).plugs.values()) {
      p.calls++;
      p.bytesIn += inBytes + 120;
      p.bytesOut += outBytes + 20;
      p.p50Micros = Math.round(p.p50Micros * 0.9 + (40 + this.random() * 80) * 0.1);
      p.p99Micros = Math.max(p.p50Micros, Math.round(p.p99Micros * 0.95 + (200 + this.random() * 300) * 0.05));
    }
  }

  stats(expr) {
    try {
      return diceStats(expr ?? "");
    } catch (e) {
      if (e instanceof DiceError) throw new MockError(400, e.message, e.position !== undefined ? { position: e.position } : {});
      throw e;
    }
  }

  listPlugs(auth, channel) {
    this.requireChannel(auth, channel);
    return [...this.channel(channel).plugs.values()].map(({ bytes, ...info }) => info);
  }

  async putPlug(auth, channel, name, bytes, user) {
    this.requireChannel(auth, channel);
    if (!/^[a-z0-9][a-z0-9_-]{0,31}$/i.test(name || "")) throw new MockError(400, "plug names are 1 to 32 letters, digits, - or _");
    if (bytes.length > MOCK_LIMITS.maxPlugBytes) throw new MockError(413, `module is ${bytes.length} bytes, over the ${MOCK_LIMITS.maxPlugBytes}-byte limit`);
    if (bytes.length < 8 || WASM_MAGIC.some((b, i) => bytes[i] !== b)) throw new MockError(400, "not a WebAssembly module (bad magic number or version)");
    const ch = this.channel(channel);
    const replaced = ch.plugs.has(name);
    const hash = await sha256Hex(bytes);
    const uploader = auth.kind === "app" ? auth.user : user || "admin";
    ch.plugs.set(name, {
      name, hash, len: bytes.length, uploadedBy: uploader, uploadedAt: new Date().toISOString(),
      calls: 0, errors: 0, p50Micros: 0, p99Micros: 0, bytesIn: 0, bytesOut: 0, bytes,
    });
    this.append(channel, { type: "plug_added", name, hash, len: bytes.length, user: uploader, replaced });
    return { name, hash, len: bytes.length, compileMillis: 3 + Math.floor(bytes.length / 4096) };
  }

  removePlug(auth, channel, name) {
    this.requireChannel(auth, channel);
    const ch = this.channel(channel);
    if (!ch.plugs.delete(name)) throw new MockError(404, `no plug named ${name} in ${channel}`);
    this.append(channel, { type: "plug_removed", name, user: auth.user || "admin" });
  }

  eventsAfter(channel, after) {
    return this.channel(channel).events.filter((e) => e.seq > after).slice(0, MOCK_LIMITS.eventsPerAnswer);
  }

  /** Long poll: answers as soon as an event after `after` exists, or empty after `wait` seconds. */
  async pollEvents(token, channel, after, wait, signal) {
    const seconds = Math.min(Math.max(Number(wait) || 0, 0), MOCK_LIMITS.maxWaitSeconds);
    for (;;) {
      const auth = this.authenticate(token);
      this.requireChannel(auth, channel);
      const events = this.eventsAfter(channel, after);
      if (events.length || seconds === 0) return { events, next: events.length ? events[events.length - 1].seq : after };
      const woke = await new Promise((resolve, reject) => {
        const w = { channel, token, wake: () => done(true) };
        const timer = setTimeout(() => done(false), seconds * 1000);
        const onAbort = () => {
          cleanup();
          reject(abortError());
        };
        const cleanup = () => {
          clearTimeout(timer);
          this.waiters.delete(w);
          signal?.removeEventListener("abort", onAbort);
        };
        function done(v) {
          cleanup();
          resolve(v);
        }
        if (signal?.aborted) return onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
        this.waiters.add(w);
      });
      if (!woke) return { events: [], next: after };
    }
  }

  storeStats(auth) {
    this.requireAdmin(auth);
    const blobs = new Map();
    let references = 0;
    for (const ch of this.channels.values()) {
      for (const p of ch.plugs.values()) {
        references++;
        blobs.set(p.hash, p.len);
      }
    }
    const rawBytes = [...blobs.values()].reduce((a, b) => a + b, 0);
    return { blobs: blobs.size, references, rawBytes, storedBytes: Math.round(rawBytes * 0.37) };
  }

  shards(auth) {
    this.requireAdmin(auth);
    return this.shardsList.map((s) => ({ ...s }));
  }

  // ---- HTTP face ---------------------------------------------------------------------------------

  /**
   * Answers one HTTP request: {status, headers, body} where body is an object (JSON), a string or null.
   * `bodyBytes` is a Uint8Array or undefined.
   */
  async handle(method, url, headers = {}, bodyBytes, signal) {
    const u = new URL(url, this.baseUrl);
    const path = u.pathname;
    const header = (n) => headers[n] ?? headers[n.toLowerCase()] ?? (typeof headers.get === "function" ? headers.get(n) : undefined);
    const bearer = /^Bearer\s+(.+)$/i.exec(header("Authorization") || "");
    const token = bearer ? bearer[1].trim() : null;
    const json = () => {
      try {
        return JSON.parse(new TextDecoder().decode(bodyBytes ?? new Uint8Array()));
      } catch {
        throw new MockError(400, "body is not JSON");
      }
    };
    const ok = (body, status = 200) => ({ status, headers: { "Content-Type": "application/json" }, body });
    try {
      if (path === "/healthz") return { status: 200, headers: { "Content-Type": "text/plain" }, body: "ok" };
      if (method === "POST" && path === "/v1/apps/bind") return ok(this.bind(json().code));
      if (!path.startsWith("/v1/")) throw new MockError(404, `no such path ${path}`);
      const auth = this.authenticate(token);
      if (method === "GET" && path === "/v1/whoami") return ok(this.whoami(auth));
      if (method === "POST" && path === "/v1/commands") return ok(this.command(auth, json(), header("Idempotency-Key")));
      if (method === "GET" && path === "/v1/stats") return ok(this.stats(u.searchParams.get("expr")));
      if (method === "GET" && path === "/v1/store/stats") return ok(this.storeStats(auth));
      if (method === "GET" && path === "/v1/shards") return ok(this.shards(auth));
      const m = /^\/v1\/channels\/([^/]+)\/(plugs|events)(?:\/([^/]+))?$/.exec(path);
      if (m) {
        const channel = decodeURIComponent(m[1]);
        const name = m[3] && decodeURIComponent(m[3]);
        if (m[2] === "events" && method === "GET" && !name) {
          const after = Number(u.searchParams.get("after") || 0);
          return ok(await this.pollEvents(token, channel, after, u.searchParams.get("wait"), signal));
        }
        if (m[2] === "plugs" && method === "GET" && !name) return ok(this.listPlugs(auth, channel));
        if (m[2] === "plugs" && method === "PUT" && name) return ok(await this.putPlug(auth, channel, name, bodyBytes ?? new Uint8Array(), u.searchParams.get("user")), 201);
        if (m[2] === "plugs" && method === "DELETE" && name) {
          this.removePlug(auth, channel, name);
          return { status: 204, headers: {}, body: null };
        }
      }
      throw new MockError(404, `no such call ${method} ${path}`);
    } catch (e) {
      if (e instanceof MockError) return ok({ error: e.message, ...e.extra }, e.status);
      if (e?.name === "AbortError") throw e;
      return ok({ error: "internal error in mock" }, 500);
    }
  }

  /** A fetch() answering from the mock. */
  async fetch(input, init = {}) {
    const url = typeof input === "string" ? input : input.url;
    let bytes;
    const body = init.body;
    if (typeof body === "string") bytes = new TextEncoder().encode(body);
    else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
    else if (ArrayBuffer.isView(body)) bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    else if (body && typeof body.arrayBuffer === "function") bytes = new Uint8Array(await body.arrayBuffer());
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (init.signal?.aborted) throw abortError();
    const answer = await this.handle(init.method || "GET", url, init.headers || {}, bytes, init.signal);
    const text = answer.body === null ? null : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    return new Response(text, { status: answer.status, headers: answer.headers });
  }

  // ---- WebSocket face ----------------------------------------------------------------------------

  /**
   * Opens a server-side session for one WebSocket. `send(bytes)` delivers a frame to the client,
   * `close(code, reason)` closes its socket. Returns {receive(bytes), closed()}.
   */
  openSession({ send, close }) {
    const backend = this;
    const session = {
      token: null,
      auth: null,
      channels: new Set(),
      open: true,
      push(event) {
        if (!session.open || !session.channels.has(event.channel)) return;
        try {
          backend.authenticate(session.token);
        } catch {
          return;
        }
        send(encodeFrame(FrameType.BROADCAST, event.type, event));
      },
      close(code, reason) {
        if (!session.open) return;
        session.open = false;
        backend.sessions.delete(session);
        close(code, reason);
      },
      receive(bytes) {
        if (!session.open) return;
        let frame;
        try {
          frame = decodeFrame(bytes);
        } catch (e) {
          if (!(e instanceof FrameError)) throw e;
          send(encodeFrame(FrameType.ERROR, "frame", { error: e.message, status: 400 }));
          return;
        }
        backend.sessionFrame(session, frame, send).catch(() => {});
      },
      closed() {
        session.open = false;
        backend.sessions.delete(session);
      },
    };
    this.sessions.add(session);
    return session;
  }

  async sessionFrame(session, { type, name, payload }, send) {
    if (!session.auth) {
      if (type !== FrameType.AUTH || name !== "auth") {
        send(encodeFrame(FrameType.ERROR, "auth", { error: "the first frame must be auth", status: 401 }));
        session.close(4401, "not authenticated");
        return;
      }
      try {
        session.auth = this.authenticate(payload.token);
        session.token = payload.token;
        send(encodeFrame(FrameType.AUTH, "auth", { ok: true, ...this.whoami(session.auth) }));
      } catch (e) {
        send(encodeFrame(FrameType.ERROR, "auth", { error: e.message, status: e.status ?? 401 }));
        session.close(4401, "bad token");
      }
      return;
    }
    const id = payload.id;
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    try {
      const auth = this.authenticate(session.token);
      const answer = await this.sessionRequest(session, auth, name, payload);
      if (answer === undefined) {
        send(encodeFrame(FrameType.NOT_FOUND, name, { id, error: `no event named ${name}` }));
      } else if (name === "subscribe") {
        send(encodeFrame(FrameType.SYNC, name, { id, ...answer }));
      } else {
        send(encodeFrame(FrameType.MESSAGE, name, { id, ...answer }));
      }
    } catch (e) {
      send(encodeFrame(FrameType.ERROR, name, { id, error: e.message, status: e.status ?? 500, ...(e.extra || {}) }));
      if (e.status === 401) session.close(4401, "token revoked");
    }
  }

  async sessionRequest(session, auth, name, p) {
    switch (name) {
      case "ping":
        return { at: new Date().toISOString() };
      case "command": {
        const { id, idempotencyKey, ...body } = p;
        return this.command(auth, body, idempotencyKey);
      }
      case "stats":
        return this.stats(p.expr);
      case "subscribe": {
        this.requireChannel(auth, p.channel);
        session.channels.add(p.channel);
        const after = Number(p.after) || 0;
        const events = this.eventsAfter(p.channel, after);
        return { channel: p.channel, events, next: events.length ? events[events.length - 1].seq : after };
      }
      case "unsubscribe":
        session.channels.delete(p.channel);
        return {};
      case "plug.list":
        return { plugs: this.listPlugs(auth, p.channel) };
      case "plug.put":
        return this.putPlug(auth, p.channel, p.name, base64ToBytes(p.base64 || ""), p.user);
      case "plug.rm":
        this.removePlug(auth, p.channel, p.name);
        return {};
      case "store.stats":
        return this.storeStats(auth);
      case "shard.status":
        if (auth.kind !== "shard" && auth.kind !== "admin") throw new MockError(403, "shard token required");
        return {};
      default:
        return undefined;
    }
  }
}

/** A WebSocket class (the subset a client uses) connected to the backend in memory. */
function makeMockWebSocket(backend) {
  return class MockWebSocket {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;

    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.binaryType = "blob";
      this.onopen = this.onmessage = this.onclose = this.onerror = null;
      setTimeout(() => {
        if (this.readyState !== 0) return;
        if (backend.offline) {
          this.readyState = 3;
          this.onerror?.({ type: "error" });
          this.onclose?.({ code: 1006, reason: "", wasClean: false });
          return;
        }
        this.session = backend.openSession({
          send: (bytes) => setTimeout(() => this.deliver(bytes), 0),
          close: (code, reason) => setTimeout(() => this.finish(code, reason), 0),
        });
        this.readyState = 1;
        this.onopen?.({ type: "open" });
      }, 0);
    }

    deliver(bytes) {
      if (this.readyState !== 1) return;
      const copy = bytes.slice();
      this.onmessage?.({ data: this.binaryType === "arraybuffer" ? copy.buffer : copy });
    }

    finish(code, reason) {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.onclose?.({ code, reason, wasClean: code !== 1006 });
    }

    send(data) {
      if (this.readyState !== 1) throw new Error("WebSocket is not open");
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const copy = bytes.slice();
      setTimeout(() => this.session?.receive(copy), 0);
    }

    close(code = 1000, reason = "") {
      if (this.readyState >= 2) return;
      this.readyState = 2;
      this.session?.closed();
      setTimeout(() => this.finish(code, reason), 0);
    }
  };
}
