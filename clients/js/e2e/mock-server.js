// A stand-in for `sidekick serve` for the browser tests and for front-end work: serves the page and
// the client exactly as the core does (web/ at /, clients/js/src/ at /client/) and answers the HTTP
// API and the WebSocket from the client's MockBackend. Binds 127.0.0.1 only.
//
//   node e2e/mock-server.js [--port 8081]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocketServer } from "ws";
import { MockBackend } from "../src/mock.js";

const here = fileURLToPath(new URL(".", import.meta.url));
export const WEB_ROOT = resolve(here, "../../../web");
export const CLIENT_ROOT = resolve(here, "../src");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json" };
/** Largest request body accepted (plug uploads), as the core's default module limit plus slack. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

async function staticFile(root, rel) {
  const file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    return { body: await readFile(file), type: TYPES[extname(file)] || "application/octet-stream" };
  } catch {
    return null;
  }
}

function readBody(req) {
  return new Promise((ok, fail) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        fail(Object.assign(new Error("body too large"), { status: 413 }));
      } else chunks.push(c);
    });
    req.on("end", () => ok(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", fail);
  });
}

/** Starts the server; resolves with {url, backend, close()}. */
export async function startMockServer({ port = 0, backend = new MockBackend({ canned: true }) } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    try {
      if (url.pathname.startsWith("/v1/") || url.pathname === "/healthz") {
        const abort = new AbortController();
        res.on("close", () => abort.abort());
        const body = req.method === "GET" || req.method === "DELETE" ? undefined : await readBody(req);
        const answer = await backend.handle(req.method, url.pathname + url.search, req.headers, body, abort.signal);
        const text = answer.body === null ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
        res.writeHead(answer.status, answer.headers);
        res.end(text);
        return;
      }
      const path = url.pathname === "/" ? "/index.html" : decodeURIComponent(url.pathname);
      const found = path.startsWith("/client/") ? await staticFile(CLIENT_ROOT, path.slice("/client/".length)) : await staticFile(WEB_ROOT, path.slice(1));
      if (!found) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      res.writeHead(200, { "Content-Type": found.type, "Cache-Control": "no-store" }).end(found.body);
    } catch (e) {
      if (e.name === "AbortError") return;
      if (!res.headersSent) res.writeHead(e.status || 500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: e.message }));
    }
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  server.on("upgrade", (req, socket, head) => {
    if (new URL(req.url, "http://127.0.0.1").pathname !== "/v1/ws") return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = backend.openSession({
        send: (bytes) => ws.readyState === ws.OPEN && ws.send(bytes, { binary: true }),
        close: (code, reason) => ws.close(code, reason),
      });
      ws.on("message", (data, isBinary) => isBinary && session.receive(new Uint8Array(data)));
      ws.on("close", () => session.closed());
    });
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    backend,
    close: () =>
      new Promise((ok) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--port");
  const { url } = await startMockServer({ port: i > 0 ? Number(process.argv[i + 1]) : 8081 });
  console.log(`mock core listening on ${url} (tokens: mock-admin-token, mock-app-token; bind code ABCD-1234)`);
}
