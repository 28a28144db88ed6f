// SidekickClient: one WebSocket to the core (CONTRACT §3), with
//  - requests multiplexed by id, each with a timeout, at most `maxInFlight` at once;
//  - channel events routed on the frame header: a broadcast is decoded only if someone listens to its type;
//  - auto-reconnect with back-off, re-subscribing every channel from the last sequence number seen;
//  - long polling over HTTP while the WebSocket cannot be reached (transport "auto"), or only that ("poll");
//  - revocation: the server closing with 4401, or any 401, ends the session for good.

import { Backoff, DEFAULT_BACKOFF } from "./backoff.js";
import { FrameError, FrameType, decodePayload, encodeFrame, peekSeq, readHeader } from "./frames.js";
import { ApiError, HttpApi } from "./http.js";

export const DEFAULTS = Object.freeze({
  requestTimeoutMs: 10_000,
  maxInFlight: 64,
  pingIntervalMs: 30_000,
  pollWaitSeconds: 25,
  /** Consecutive WebSocket failures after which "auto" starts long polling (it keeps retrying the socket). */
  fallbackAfterFailures: 2,
  backoff: DEFAULT_BACKOFF,
});

/** Close code the server uses when the session's token was revoked. */
export const CLOSE_REVOKED = 4401;

/** The connection went away before an answer came; the request may or may not have been carried out. */
export class ConnectionError extends Error {
  constructor(message) {
    super(message);
    this.name = "ConnectionError";
  }
}

export class TimeoutError extends Error {
  constructor(message) {
    super(message);
    this.name = "TimeoutError";
  }
}

/** The server answered a request with an error frame (type 4) or not_found (type 5). */
export class RequestError extends Error {
  constructor(name, payload, notFound = false) {
    super(payload.error || `${name} failed`);
    this.name = "RequestError";
    this.event = name;
    this.status = notFound ? 404 : payload.status;
    this.payload = payload;
  }
}

function wsUrlFor(baseUrl) {
  const origin = baseUrl || (globalThis.location ? globalThis.location.origin : "");
  if (!origin) throw new TypeError("baseUrl or wsUrl is needed outside a browser");
  return origin.replace(/^http/, "ws").replace(/\/+$/, "") + "/v1/ws";
}

export class SidekickClient {
  /**
   * @param {object} o
   * @param {string} o.token           bearer token (admin, shard or app)
   * @param {string} [o.baseUrl]       origin of the core; "" means the page's own
   * @param {string} [o.wsUrl]         WebSocket URL; derived from baseUrl by default
   * @param {"auto"|"ws"|"poll"} [o.transport]
   * @param {object} [o.mock]          a MockBackend: fetch and WebSocket both go to it
   * @param {Function} [o.WebSocket]   WebSocket constructor (browser's by default)
   * @param {Function} [o.fetch]       fetch implementation
   */
  constructor(o = {}) {
    const mock = o.mock;
    this.token = o.token;
    this.transport = o.transport ?? "auto";
    this.options = { ...DEFAULTS, ...o, backoff: { ...DEFAULTS.backoff, ...(o.backoff || {}) } };
    const baseUrl = o.baseUrl ?? (mock ? mock.baseUrl : "");
    this.WebSocketImpl = o.WebSocket ?? mock?.WebSocket ?? globalThis.WebSocket;
    this.wsUrl = o.wsUrl ?? (this.transport === "poll" && !mock && !baseUrl && !globalThis.location ? null : wsUrlFor(baseUrl));
    this.api = new HttpApi({ baseUrl, token: o.token, fetch: o.fetch ?? mock?.fetch, timeoutMs: o.httpTimeoutMs });
    this.backoff = new Backoff(this.options.backoff, o.random);

    this.listeners = new Map(); // event type -> Set<fn>
    this.statusListeners = new Set();
    this.errorListeners = new Set();
    this.subscriptions = new Map(); // channel -> {channel, lastSeq, poll: AbortController|null}
    this.pending = new Map(); // id -> {resolve, reject, timer, name}
    this.waiting = []; // requests queued behind maxInFlight
    this.nextId = 1;
    // Prefix of idempotency keys: unique per client, so keys never collide across tabs or processes.
    this.clientId = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    this.nextKey = 1;

    this.ws = null;
    this.state = "idle";
    this.session = null; // the auth answer {kind, user, channel}
    this.failures = 0;
    this.everLive = false;
    this.polling = false;
    this.closed = false;
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.firstConnect = null;
  }

  // ---- listening ---------------------------------------------------------------------------------

  /** Calls fn(event) for every channel event of this type ("roll", "reply", ...; "*" for all). Returns an unsubscribe function. */
  on(type, fn) {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(type);
    };
  }

  /** fn({state, ...}) on every connection state change: connecting, live, reconnecting, polling, revoked, closed. */
  onStatus(fn) {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  /** fn(error) for problems not tied to a call: broken frames, failed re-subscriptions, poll errors. */
  onError(fn) {
    this.errorListeners.add(fn);
    return () => this.errorListeners.delete(fn);
  }

  /** True when a frame of this event type would be decoded and delivered. */
  wants(type) {
    return this.listeners.has(type) || this.listeners.has("*");
  }

  get live() {
    return this.state === "live";
  }

  // ---- connecting --------------------------------------------------------------------------------

  /** Connects and signs in. Resolves with the session {kind, user, channel} once events can flow. */
  connect() {
    this.closed = false;
    if (this.transport === "poll" || !this.WebSocketImpl || !this.wsUrl) {
      return this.api.whoami().then(
        (who) => {
          this.session = who;
          this.startPolling();
          return who;
        },
        (e) => {
          if (e.status === 401) this.revoke("the token was rejected");
          throw e;
        },
      );
    }
    return new Promise((resolve, reject) => {
      this.firstConnect = { resolve, reject };
      this.openSocket();
    });
  }

  /** Closes for good: no reconnect, pending requests fail. */
  close() {
    this.closed = true;
    this.teardown(new ConnectionError("client closed"));
    this.setState("closed");
  }

  openSocket() {
    this.reconnectTimer = null;
    if (this.closed) return;
    if (!this.polling) this.setState(this.everLive ? "reconnecting" : "connecting", { attempt: this.failures + 1 });
    let ws;
    try {
      ws = new this.WebSocketImpl(this.wsUrl);
    } catch (e) {
      this.socketFailed(e);
      return;
    }
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    ws.onopen = () => ws.send(encodeFrame(FrameType.AUTH, "auth", { token: this.token }));
    ws.onmessage = (ev) => {
      if (ws === this.ws) this.receive(ev.data);
    };
    ws.onerror = () => {}; // a close event always follows
    ws.onclose = (ev) => {
      if (ws === this.ws) this.socketClosed(ev.code, ev.reason);
    };
  }

  socketClosed(code, reason) {
    this.ws = null;
    this.stopPing();
    this.failPending(new ConnectionError(`connection closed (${code}${reason ? ": " + reason : ""})`));
    if (code === CLOSE_REVOKED) {
      this.revoke(reason || "the token was revoked");
      return;
    }
    if (this.closed || this.state === "revoked") return;
    this.socketFailed(new ConnectionError(`closed with code ${code}`));
  }

  socketFailed(error) {
    this.failures++;
    if (this.transport === "auto" && this.failures >= this.options.fallbackAfterFailures && !this.polling) {
      // Keep the page live over HTTP while the socket is away; the session is checked by the first poll.
      this.api.whoami().then(
        (who) => {
          if (this.closed || this.state === "revoked" || this.live) return;
          this.session = who;
          this.startPolling();
          this.resolveFirst(who);
        },
        (e) => {
          if (e.status === 401) this.revoke("the token was rejected");
          else if (this.firstConnect) this.giveUp(e); // never connected: say so instead of spinning
        },
      );
    }
    if (this.closed) return;
    const delay = this.backoff.next();
    if (!this.polling) this.setState(this.everLive ? "reconnecting" : "connecting", { attempt: this.failures, delayMs: delay, error });
    this.reconnectTimer = setTimeout(() => this.openSocket(), delay);
  }

  becameLive(session) {
    this.session = session;
    this.failures = 0;
    this.backoff.reset();
    this.everLive = true;
    this.stopPolling();
    this.setState("live", { session });
    this.startPing();
    for (const sub of this.subscriptions.values()) this.sendSubscribe(sub).catch((e) => this.reportError(e));
    this.resolveFirst(session);
  }

  resolveFirst(session) {
    const first = this.firstConnect;
    this.firstConnect = null;
    first?.resolve(session);
  }

  /** The first connection failed over both the WebSocket and HTTP: reject connect() and stop. */
  giveUp(error) {
    const first = this.firstConnect;
    this.firstConnect = null;
    this.close();
    first.reject(new ConnectionError(`cannot reach the server: ${error.message}`));
  }

  /** The token no longer works: stop everything and say so. */
  revoke(reason) {
    if (this.state === "revoked") return;
    this.closed = true;
    this.teardown(new ConnectionError("the token was revoked"));
    this.setState("revoked", { reason });
    const first = this.firstConnect;
    this.firstConnect = null;
    first?.reject(new ApiError(401, reason));
  }

  teardown(error) {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopPing();
    this.stopPolling();
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= 1) ws.close(1000, "client closed");
    this.failPending(error);
  }

  setState(state, detail = {}) {
    this.state = state;
    for (const fn of this.statusListeners) fn({ state, ...detail });
  }

  reportError(error) {
    for (const fn of this.errorListeners) fn(error);
  }

  // ---- receiving ---------------------------------------------------------------------------------

  receive(data) {
    if (typeof data === "string") {
      this.reportError(new FrameError("text frame received; the protocol is binary"));
      return;
    }
    let header;
    try {
      header = readHeader(data);
      if (header.type === FrameType.BROADCAST) {
        this.routeBroadcast(header);
        return;
      }
      this.answer(header, decodePayload(header));
    } catch (e) {
      this.reportError(e);
    }
  }

  routeBroadcast(header) {
    if (this.wants(header.name)) {
      this.dispatch(decodePayload(header));
      return;
    }
    // Nobody listens: skip the payload, but keep the resume position exact when it is unambiguous.
    if (this.subscriptions.size === 1) {
      const seq = peekSeq(header);
      const sub = this.subscriptions.values().next().value;
      if (seq !== undefined && seq > sub.lastSeq) sub.lastSeq = seq;
    }
  }

  answer(header, payload) {
    const { type, name } = header;
    if (type === FrameType.AUTH && name === "auth") {
      if (payload.ok) this.becameLive(payload);
      return;
    }
    if (type === FrameType.ERROR && name === "auth") {
      if (payload.status === 401 || payload.status === undefined) this.revoke(payload.error || "the token was rejected");
      else this.reportError(new RequestError(name, payload));
      return;
    }
    const entry = payload.id !== undefined ? this.pending.get(payload.id) : undefined;
    if (!entry) {
      if (type === FrameType.ERROR || type === FrameType.NOT_FOUND) this.reportError(new RequestError(name, payload, type === FrameType.NOT_FOUND));
      return;
    }
    this.settle(payload.id);
    if (type === FrameType.ERROR) entry.reject(new RequestError(name, payload));
    else if (type === FrameType.NOT_FOUND) entry.reject(new RequestError(name, payload, true));
    else entry.resolve(payload);
  }

  /** Delivers one channel event to its listeners, once: events at or before the channel's last seq are dropped. */
  dispatch(event) {
    const sub = this.subscriptions.get(event.channel);
    if (sub && typeof event.seq === "number") {
      if (event.seq <= sub.lastSeq) return;
      sub.lastSeq = event.seq;
    }
    for (const key of [event.type, "*"]) {
      const set = this.listeners.get(key);
      if (!set) continue;
      for (const fn of [...set]) {
        try {
          fn(event);
        } catch (e) {
          this.reportError(e);
        }
      }
    }
  }

  // ---- requests ----------------------------------------------------------------------------------

  /** Sends one request over the WebSocket and resolves with its answer's payload. */
  async request(name, payload = {}, { timeoutMs = this.options.requestTimeoutMs } = {}) {
    if (!this.canSend()) throw new ConnectionError("not connected");
    if (this.pending.size >= this.options.maxInFlight) {
      await new Promise((resolve) => this.waiting.push(resolve));
      if (!this.canSend()) throw new ConnectionError("not connected");
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(id);
        reject(new TimeoutError(`${name} got no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, name });
      try {
        this.ws.send(encodeFrame(FrameType.MESSAGE, name, { ...payload, id }));
      } catch (e) {
        this.settle(id);
        reject(e);
      }
    });
  }

  /** Live and the socket still open: a browser only logs (does not throw) a send on a closing socket. */
  canSend() {
    return this.live && this.ws !== null && this.ws.readyState === 1;
  }

  settle(id) {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    this.waiting.shift()?.();
  }

  failPending(error) {
    for (const [id, entry] of [...this.pending]) {
      this.settle(id);
      entry.reject(error);
    }
    for (const wake of this.waiting.splice(0)) wake();
  }

  startPing() {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      this.request("ping", {}, { timeoutMs: this.options.requestTimeoutMs }).catch((e) => {
        // A socket that cannot answer a ping is dead even if the browser has not noticed yet.
        if (e instanceof TimeoutError && this.ws) this.ws.close(4000, "ping timeout");
      });
    }, this.options.pingIntervalMs);
  }

  stopPing() {
    clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  // ---- channels ----------------------------------------------------------------------------------

  /**
   * Follows a channel's events from `after` (0: everything the server still holds). Survives reconnects:
   * each new socket re-subscribes from the last sequence number seen. Resolves with the catch-up events.
   */
  async subscribe(channel, { after = 0 } = {}) {
    let sub = this.subscriptions.get(channel);
    if (!sub) {
      sub = { channel, lastSeq: after, poll: null };
      this.subscriptions.set(channel, sub);
    }
    if (this.live) return this.sendSubscribe(sub);
    if (this.polling) this.pollChannel(sub);
    return [];
  }

  async unsubscribe(channel) {
    const sub = this.subscriptions.get(channel);
    if (!sub) return;
    this.subscriptions.delete(channel);
    sub.poll?.abort();
    if (this.live) await this.request("unsubscribe", { channel });
  }

  async sendSubscribe(sub) {
    let answer;
    try {
      answer = await this.request("subscribe", { channel: sub.channel, after: sub.lastSeq });
    } catch (e) {
      if (e instanceof RequestError && (e.status === 403 || e.status === 404)) this.subscriptions.delete(sub.channel);
      throw e;
    }
    const events = answer.events || [];
    this.deliverPage(sub, events, answer.next);
    return events;
  }

  /** Delivers a page of a channel's events, then moves its position to the page's `next` (the seq to ask after next time). */
  deliverPage(sub, events, next) {
    for (const event of events) this.dispatch({ channel: sub.channel, ...event });
    if (typeof next === "number" && next > sub.lastSeq && this.subscriptions.get(sub.channel) === sub) sub.lastSeq = next;
  }

  startPolling() {
    if (this.polling || this.closed) return;
    this.polling = true;
    this.setState("polling");
    for (const sub of this.subscriptions.values()) this.pollChannel(sub);
  }

  stopPolling() {
    this.polling = false;
    for (const sub of this.subscriptions.values()) {
      sub.poll?.abort();
      sub.poll = null;
    }
  }

  async pollChannel(sub) {
    if (sub.poll) return;
    const abort = new AbortController();
    sub.poll = abort;
    const retry = new Backoff(this.options.backoff, this.options.random);
    while (this.polling && !abort.signal.aborted && this.subscriptions.get(sub.channel) === sub) {
      try {
        const answer = await this.api.events(sub.channel, { after: sub.lastSeq, wait: this.options.pollWaitSeconds, signal: abort.signal });
        retry.reset();
        this.deliverPage(sub, answer.events || [], answer.next);
      } catch (e) {
        if (abort.signal.aborted) break;
        if (e.status === 401) {
          this.revoke("the token was revoked");
          break;
        }
        this.reportError(e);
        if (e.status === 403 || e.status === 404) {
          this.subscriptions.delete(sub.channel);
          break;
        }
        await new Promise((r) => setTimeout(r, e.retryAfterSeconds ? e.retryAfterSeconds * 1000 : retry.next()));
      }
    }
    if (sub.poll === abort) sub.poll = null;
  }

  // ---- operations: over the socket when live, over HTTP otherwise ---------------------------------

  /**
   * Runs a state-changing operation exactly once: over the socket with an idempotency key, and if the
   * socket goes away before the answer, again over HTTP with the same key (the server then answers
   * from the first run instead of running it twice).
   */
  async once(wsName, wsPayload, viaHttp) {
    const idempotencyKey = `${this.clientId}-${this.nextKey++}`;
    if (this.canSend()) {
      try {
        return await this.request(wsName, { ...wsPayload, idempotencyKey });
      } catch (e) {
        if (!(e instanceof ConnectionError || e instanceof TimeoutError)) throw e;
      }
    }
    return viaHttp(idempotencyKey);
  }

  /** Sends a chat command; resolves with {reply, rolls, micros} (reply null when the text was no command). */
  command(body) {
    return this.once("command", body, (idempotencyKey) => this.api.command(body, { idempotencyKey }));
  }

  /** Exact distribution of an expression: {expr, min, max, mean, stdev, exact, pmf}. */
  stats(expr) {
    return this.canSend() ? this.request("stats", { expr }) : this.api.stats(expr);
  }

  async plugs(channel) {
    return this.canSend() ? (await this.request("plug.list", { channel })).plugs : this.api.plugs(channel);
  }

  /** Uploads (or replaces) a plug. Always HTTP: the module travels as raw bytes instead of base64. */
  putPlug(channel, name, wasmBytes, { user } = {}) {
    return this.api.putPlug(channel, name, wasmBytes, { user, idempotencyKey: `${this.clientId}-${this.nextKey++}` });
  }

  removePlug(channel, name) {
    return this.once("plug.rm", { channel, name }, (idempotencyKey) => this.api.removePlug(channel, name, { idempotencyKey }));
  }

  storeStats() {
    return this.canSend() ? this.request("store.stats") : this.api.storeStats();
  }

  shards() {
    return this.api.shards();
  }

  whoami() {
    return this.api.whoami();
  }
}
