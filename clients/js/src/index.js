// @sidekick/client: the JavaScript client of the Sidekick core.
export { SidekickClient, ConnectionError, TimeoutError, RequestError, CLOSE_REVOKED, DEFAULTS } from "./client.js";
export { HttpApi, ApiError } from "./http.js";
export { FrameType, FrameError, encodeFrame, decodeFrame, readHeader, decodePayload, peekSeq, typeName } from "./frames.js";
export { Backoff } from "./backoff.js";
export { MockBackend, MOCK_ADMIN_TOKEN, MOCK_APP_TOKEN, MOCK_BIND_CODE, MOCK_CHANNEL } from "./mock.js";
