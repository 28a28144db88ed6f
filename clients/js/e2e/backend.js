// The server the browser tests drive: the mock core (e2e/mock-server.js) by default.
import { MOCK_ADMIN_TOKEN, MOCK_BIND_CODE } from "../src/mock.js";
import { startMockServer } from "./mock-server.js";

/**
 * Starts a backend: {url, adminToken, kind, bindCode(), revoke(token), close()}.
 * bindCode() yields a fresh one-time code for an app token; revoke(token) revokes it the way an operator would.
 */
export async function startBackend() {
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
