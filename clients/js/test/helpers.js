// A scripted WebSocket for tests: the test plays the server, frame by frame.
import { FrameType, decodeFrame, encodeFrame } from "../src/frames.js";

export function fakeSocketFactory() {
  const sockets = [];
  class FakeSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      sockets.push(this);
      setTimeout(() => {
        this.readyState = 1;
        this.onopen?.();
      }, 0);
    }
    send(bytes) {
      this.sent.push(decodeFrame(bytes));
    }
    close(code = 1000, reason = "") {
      this.serverClose(code, reason);
    }
    /** Server side: deliver raw bytes or a frame. */
    push(type, name, payload) {
      const bytes = payload instanceof Uint8Array ? payload : encodeFrame(type, name, payload);
      this.onmessage?.({ data: bytes.slice().buffer });
    }
    serverClose(code, reason = "") {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.onclose?.({ code, reason });
    }
    /** Answers the auth frame once it arrives. */
    async acceptAuth(session = { ok: true, kind: "admin", user: null, channel: null }) {
      await until(() => this.sent.some((f) => f.name === "auth"));
      this.push(FrameType.AUTH, "auth", session);
    }
  }
  return { FakeSocket, sockets };
}

export async function until(condition, timeoutMs = 2000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 2));
  }
}
