// Small formatting helpers for the page.

export function bytes(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function micros(us) {
  if (us === null || us === undefined) return "–";
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(us < 10_000 ? 1 : 0)} ms`;
  return `${(us / 1_000_000).toFixed(1)} s`;
}

export function count(n) {
  return n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US");
}

export function clock(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function ago(iso, now = Date.now()) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "–";
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

/** A stable hue per user, so each player keeps a colour. */
export function hue(key) {
  let h = 0;
  for (const ch of String(key)) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return h % 360;
}

/** The dice expression of a roll-box text: "/r 2d6+3 # note" gives "2d6+3", a bare expression itself; otherwise null. */
export function expressionOf(text) {
  const t = text.trim();
  const slash = /^\/(?:r|roll)\s+([^#]*)/i.exec(t);
  if (slash) return slash[1].trim() || null;
  if (/^[\dd%+\-*/() khlHLdD!<>=,.]+$/.test(t) && /\dd|\bd\d/i.test(t)) return t;
  return null;
}

/** A number with at most two decimals, as people read odds: 12.244599 gives 12.24. */
export function round2(x) {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : "–";
}
