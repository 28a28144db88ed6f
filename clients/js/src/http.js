// HTTP helpers for the core's API (CONTRACT §2 and docs/protocol.md). Each method returns the parsed
// JSON answer or throws an ApiError carrying the status and the server's {"error"} message.

/** Default time a plain HTTP call may take before it is aborted. Long polls add their wait to it. */
export const DEFAULT_HTTP_TIMEOUT_MS = 15_000;

export class ApiError extends Error {
  constructor(status, message, body = {}, retryAfterSeconds) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }
  /** The token is unknown or revoked. */
  get unauthorized() {
    return this.status === 401;
  }
}

const enc = encodeURIComponent;

export class HttpApi {
  /**
   * @param {object} options
   * @param {string} [options.baseUrl] origin of the core, "" for the page's own origin
   * @param {string} [options.token] bearer token
   * @param {Function} [options.fetch] a fetch implementation (the mock backend's, in mock mode)
   * @param {number} [options.timeoutMs]
   */
  constructor({ baseUrl = "", token = null, fetch = globalThis.fetch?.bind(globalThis), timeoutMs = DEFAULT_HTTP_TIMEOUT_MS } = {}) {
    if (typeof fetch !== "function") throw new TypeError("no fetch implementation available");
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.token = token;
    this.fetchImpl = fetch;
    this.timeoutMs = timeoutMs;
  }

  /** Sends one request. `body` is JSON-encoded unless it is binary. Returns parsed JSON or null (204). */
  async request(method, path, { body, query, signal, timeoutMs = this.timeoutMs, auth = true, idempotencyKey } = {}) {
    let url = this.baseUrl + path;
    if (query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.set(k, String(v));
      const qs = params.toString();
      if (qs) url += "?" + qs;
    }
    const headers = { Accept: "application/json" };
    if (auth && this.token) headers.Authorization = `Bearer ${this.token}`;
    // A repeat with the same key gets the first answer: a retried command runs once.
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    let payload;
    if (body instanceof Uint8Array || body instanceof ArrayBuffer || (typeof Blob !== "undefined" && body instanceof Blob)) {
      headers["Content-Type"] = "application/wasm";
      payload = body;
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const onAbort = () => timeout.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    let response;
    try {
      response = await this.fetchImpl(url, { method, headers, body: payload, signal: timeout.signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      if (timeout.signal.aborted) throw new ApiError(0, `${method} ${path} timed out after ${timeoutMs} ms`);
      throw new ApiError(0, `${method} ${path} failed: ${e.message}`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = { error: text.trim() };
      }
    }
    if (!response.ok) {
      const retry = response.headers.get("Retry-After");
      const message = (json && json.error) || `${method} ${path}: HTTP ${response.status}`;
      throw new ApiError(response.status, message, json ?? {}, retry ? Number(retry) : undefined);
    }
    return json;
  }

  whoami() {
    return this.request("GET", "/v1/whoami");
  }
  /** Exchanges a one-time code from `/r bind app` for an app token: {token, channel, user}. */
  bind(code) {
    return this.request("POST", "/v1/apps/bind", { body: { code }, auth: false });
  }
  command(body, { idempotencyKey } = {}) {
    return this.request("POST", "/v1/commands", { body, idempotencyKey });
  }
  stats(expr, { signal } = {}) {
    return this.request("GET", "/v1/stats", { query: { expr }, signal });
  }
  plugs(channel) {
    return this.request("GET", `/v1/channels/${enc(channel)}/plugs`);
  }
  putPlug(channel, name, wasmBytes, { user, idempotencyKey } = {}) {
    return this.request("PUT", `/v1/channels/${enc(channel)}/plugs/${enc(name)}`, { body: wasmBytes, query: { user }, idempotencyKey });
  }
  removePlug(channel, name, { idempotencyKey } = {}) {
    return this.request("DELETE", `/v1/channels/${enc(channel)}/plugs/${enc(name)}`, { idempotencyKey });
  }
  /** One long poll: resolves with {events, next} as soon as an event after `after` exists, or empty after `wait` seconds. */
  events(channel, { after = 0, wait = 25, signal } = {}) {
    return this.request("GET", `/v1/channels/${enc(channel)}/events`, {
      query: { after, wait },
      signal,
      timeoutMs: this.timeoutMs + wait * 1000,
    });
  }
  storeStats() {
    return this.request("GET", "/v1/store/stats");
  }
  shards() {
    return this.request("GET", "/v1/shards");
  }
}
