// The Sidekick page: sign in, then a live view of one channel. Open it with ?mock to use the client's
// built-in mock backend instead of a server.

import { HttpApi, MockBackend, SidekickClient } from "./client/index.js";
import { AdminPanel } from "./admin.js";
import { $, say, show } from "./dom.js";
import { Feed, SHOWN_TYPES } from "./feed.js";
import { RollBox } from "./odds.js";
import { PlugsPanel } from "./plugs.js";

const SESSION_KEY = "sidekick.session";
const params = new URLSearchParams(location.search);
const mock = params.has("mock") ? new MockBackend({ latencyMs: 15 }) : null;
if (mock) {
  window.sidekickMock = mock; // lets tests and curious developers drive the mock
  if (params.get("mock") !== "quiet") mock.startChatter(8000); // the canned players keep playing
}

const STATUS_TEXT = {
  connecting: "connecting…",
  live: "live",
  reconnecting: "reconnecting…",
  polling: "live (long polling)",
  revoked: "revoked",
  closed: "signed out",
};

let current = null; // {client, parts: [...], session}

function signedInView(visible) {
  show($("signin"), !visible);
  show($("app"), visible);
  for (const id of ["where", "status", "who", "sign-out"]) show($(id), visible);
}

function setStatus({ state, delayMs }) {
  const el = $("status");
  el.dataset.state = state;
  $("status-text").textContent = STATUS_TEXT[state] + (state === "reconnecting" && delayMs ? ` (in ${Math.ceil(delayMs / 1000)} s)` : "");
  document.body.dataset.connection = state;
}

/** The token stopped working: tear the channel off the page at once and say so. */
function revoked(reason) {
  if (!current) return;
  stopSession();
  sessionStorage.removeItem(SESSION_KEY);
  signedInView(false);
  show($("signin"), false);
  $("revoked-text").textContent = `This token was revoked${reason && !/revoked/i.test(reason) ? ` (${reason})` : ""}. The channel is no longer shown.`;
  show($("revoked"), true);
  document.body.dataset.connection = "revoked";
  $("revoked-again").focus();
}

function stopSession() {
  if (!current) return;
  const { client, parts, feed } = current;
  current = null;
  for (const p of parts) p.stop();
  feed.clear();
  client.close();
}

async function startSession({ token, channel, userName }) {
  const client = new SidekickClient({ token, mock });
  const feed = new Feed({ feed: $("feed"), rolls: $("rolls"), rollsEmpty: $("rolls-empty") });
  feed.clear();
  const onUnauthorized = () => revoked("the server refused the token");
  client.onStatus((s) => {
    setStatus(s);
    if (s.state === "revoked") revoked(s.reason);
  });
  const session = await client.connect();
  const ch = session.kind === "app" ? session.channel : channel;
  if (!ch) {
    client.close();
    throw new Error("This token is not bound to a channel: enter the channel to watch.");
  }
  const user = session.user || "web";
  const name = userName || (session.kind === "admin" ? "Admin" : session.user) || "web";
  const plugs = new PlugsPanel({
    client, channel: ch, user, body: $("plugs-body"), empty: $("plugs-empty"), dropzone: $("dropzone"),
    fileInput: $("plug-file"), message: $("plug-message"), onUnauthorized,
  });
  const rollBox = new RollBox({
    client, channel: ch, user, userName: name, form: $("composer"), input: $("composer-input"), odds: $("odds"),
    oddsExpr: $("odds-expr"), oddsSummary: $("odds-summary"), oddsChartBox: $("odds-chart"), oddsError: $("odds-error"),
    error: $("composer-error"), onUnauthorized,
  });
  const parts = [plugs, rollBox];
  if (session.kind === "admin") {
    parts.push(new AdminPanel({ client, panel: $("admin"), shardsBody: $("shards-body"), shardsEmpty: $("shards-empty"), store: $("store"), onUnauthorized }));
  }
  current = { client, parts, feed, session };
  const onEvent = (event) => {
    if (event.channel && event.channel !== ch) return;
    // An app token knows its user id, not its name: learn the name from the user's own messages.
    if (!userName && session.kind === "app" && event.user === session.user && event.userName && event.userName !== rollBox.userName) {
      rollBox.userName = event.userName;
      $("who").textContent = `${event.userName} (app)`;
    }
    feed.add(event);
    if (event.type === "plug_added" || event.type === "plug_removed") plugs.refreshSoon(0);
    else if (event.type === "reply") plugs.refreshSoon();
  };
  for (const type of SHOWN_TYPES) client.on(type, onEvent);
  client.onError((e) => console.warn("sidekick:", e.message));
  $("channel-name").textContent = ch;
  $("who").textContent = session.kind === "app" ? `${name} (app)` : `${name} (${session.kind})`;
  document.title = `#${ch} · Sidekick`;
  signedInView(true);
  for (const p of parts) p.start();
  await client.subscribe(ch, { after: 0 });
  $("composer-input").focus();
  return { token, channel: ch, userName };
}

async function signIn(e) {
  e.preventDefault();
  const form = $("signin-form");
  const code = form.code.value.trim();
  let token = form.token.value.trim();
  const channel = form.channel.value.trim();
  const userName = form.displayName.value.trim();
  say($("signin-error"), "");
  if (!code && !token) {
    say($("signin-error"), "Enter a bind code or a token.");
    (code ? form.code : form.token).focus();
    return;
  }
  $("signin-button").disabled = true;
  try {
    if (code) {
      const api = new HttpApi({ fetch: mock?.fetch, baseUrl: mock ? mock.baseUrl : "" });
      token = (await api.bind(code)).token;
    }
    const saved = await startSession({ token, channel, userName });
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(saved));
    form.reset();
  } catch (err) {
    stopSession();
    signedInView(false);
    const status = err.status;
    say($("signin-error"), status === 401 ? "That token is not valid (or was revoked)." : status === 404 && code ? "That code is unknown or has expired: run /r bind app again." : err.message);
  } finally {
    $("signin-button").disabled = false;
  }
}

function signOut() {
  stopSession();
  sessionStorage.removeItem(SESSION_KEY);
  signedInView(false);
  $("token").focus();
}

function init() {
  show($("mock-badge"), !!mock);
  show($("mock-hint"), !!mock);
  $("signin-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  $("revoked-again").addEventListener("click", () => {
    show($("revoked"), false);
    signedInView(false);
    $("token").focus();
  });
  const saved = sessionStorage.getItem(SESSION_KEY);
  if (saved) {
    startSession(JSON.parse(saved)).catch(() => {
      sessionStorage.removeItem(SESSION_KEY);
      stopSession();
      signedInView(false);
    });
  } else {
    signedInView(false);
  }
}

init();
