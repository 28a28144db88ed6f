// A small dice engine for mock mode only: sums of NdM terms (with kh/kl/dh/dl) and constants, rolled
// with a seeded generator and rendered the way the core renders them, plus their exact distribution.
// The real notation (exploding, rerolls, ...) lives in the Java `dice` module; the mock only has to
// give a front end realistic answers.

/** Largest sides^count enumerated for keep/drop distributions in mock mode. */
export const MAX_ENUMERATED_OUTCOMES = 200_000;
export const MAX_DICE = 100;
export const MAX_SIDES = 1000;

export class DiceError extends Error {
  constructor(message, position) {
    super(message);
    this.name = "DiceError";
    this.position = position;
  }
}

/** mulberry32: a tiny seeded generator, good enough for canned rolls. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TERM = /\s*([+-])?\s*(?:(\d*)d(\d+|%)(?:(kh|kl|k|dh|dl)(\d+))?|(\d+))\s*/iy;

/** Parses "4d6kh3 + 2" into terms [{sign, count, sides, keep, n} | {sign, value}]. */
export function parseDice(expr) {
  const text = String(expr);
  const terms = [];
  TERM.lastIndex = 0;
  while (TERM.lastIndex < text.length) {
    const start = TERM.lastIndex;
    const m = TERM.exec(text);
    if (!m) {
      const at = firstNonSpace(text, start);
      const sign = /^[+-]\s*/.exec(text.slice(at));
      if (sign) throw new DiceError(`expected dice or a number after "${sign[0].trim()}"`, firstNonSpace(text, at + 1));
      throw new DiceError(`unexpected "${text.slice(at, at + 12)}"`, at);
    }
    if (terms.length > 0 && !m[1]) throw new DiceError("expected + or -", firstNonSpace(text, start));
    const sign = m[1] === "-" ? -1 : 1;
    if (m[6] !== undefined) {
      terms.push({ sign, value: Number(m[6]) });
      continue;
    }
    const count = m[2] === "" ? 1 : Number(m[2]);
    const sides = m[3] === "%" ? 100 : Number(m[3]);
    if (count < 1 || count > MAX_DICE) throw new DiceError(`dice count must be 1 to ${MAX_DICE}`, start);
    if (sides < 1 || sides > MAX_SIDES) throw new DiceError(`dice sides must be 1 to ${MAX_SIDES}`, start);
    const keep = m[4] ? m[4].toLowerCase().replace(/^k$/, "kh") : null;
    const n = keep ? Number(m[5]) : count;
    if (keep && (n < 0 || n > count)) throw new DiceError(`cannot ${keep} ${n} of ${count} dice`, start);
    terms.push({ sign, count, sides, keep, n, source: m[0].trim().replace(/^[+-]\s*/, "") });
  }
  if (terms.length === 0) throw new DiceError("empty expression", 0);
  return terms;
}

function firstNonSpace(text, from) {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** Indices of the dice a keep/drop term keeps. */
function keptIndices(values, keep, n) {
  const order = values.map((v, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const count = values.length;
  let kept;
  if (keep === "kh") kept = order.slice(count - n);
  else if (keep === "kl") kept = order.slice(0, n);
  else if (keep === "dh") kept = order.slice(0, count - n);
  else if (keep === "dl") kept = order.slice(n);
  else kept = order;
  return new Set(kept);
}

/** Rolls a parsed expression: {total, text} with the core's rendering, e.g. 4d6kh3 (4, 4, **6**, ~~3~~) = `14`. */
export function rollDice(expr, random) {
  const terms = parseDice(expr);
  let total = 0;
  const parts = [];
  terms.forEach((t, index) => {
    const op = index === 0 ? (t.sign < 0 ? "-" : "") : t.sign < 0 ? " - " : " + ";
    if (t.value !== undefined) {
      total += t.sign * t.value;
      parts.push(op + t.value);
      return;
    }
    const values = Array.from({ length: t.count }, () => 1 + Math.floor(random() * t.sides));
    const kept = keptIndices(values, t.keep, t.n);
    let sum = 0;
    const shown = values.map((v, i) => {
      if (!kept.has(i)) return `~~${v}~~`;
      sum += v;
      return v === t.sides ? `**${v}**` : String(v);
    });
    total += t.sign * sum;
    parts.push(`${op}${t.source} (${shown.join(", ")})`);
  });
  return { expr: String(expr).trim(), total, text: `${parts.join("")} = \`${total}\`` };
}

function convolve(a, b) {
  const out = new Map();
  for (const [x, p] of a) for (const [y, q] of b) out.set(x + y, (out.get(x + y) || 0) + p * q);
  return out;
}

function termDistribution(t) {
  if (t.value !== undefined) return new Map([[t.sign * t.value, 1]]);
  let dist;
  if (!t.keep || t.n === t.count) {
    const one = new Map();
    for (let f = 1; f <= t.sides; f++) one.set(f, 1 / t.sides);
    dist = new Map([[0, 1]]);
    for (let i = 0; i < t.count; i++) dist = convolve(dist, one);
  } else {
    const outcomes = t.sides ** t.count;
    if (outcomes > MAX_ENUMERATED_OUTCOMES) throw new DiceError("expression too large for mock odds", 0);
    dist = new Map();
    const values = new Array(t.count).fill(1);
    for (let k = 0; k < outcomes; k++) {
      const kept = keptIndices(values, t.keep, t.n);
      let sum = 0;
      kept.forEach((i) => (sum += values[i]));
      dist.set(sum, (dist.get(sum) || 0) + 1 / outcomes);
      for (let i = 0; i < t.count; i++) {
        if (values[i] < t.sides) {
          values[i]++;
          break;
        }
        values[i] = 1;
      }
    }
  }
  if (t.sign < 0) dist = new Map([...dist].map(([v, p]) => [-v, p]));
  return dist;
}

/** Exact distribution in the shape of `sidekick stats --json`. */
export function diceStats(expr) {
  const terms = parseDice(expr);
  let dist = new Map([[0, 1]]);
  for (const t of terms) dist = convolve(dist, termDistribution(t));
  const pmf = [...dist].sort((a, b) => a[0] - b[0]);
  const mean = pmf.reduce((s, [v, p]) => s + v * p, 0);
  const variance = pmf.reduce((s, [v, p]) => s + (v - mean) ** 2 * p, 0);
  const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    expr: String(expr).trim(),
    min: pmf[0][0],
    max: pmf[pmf.length - 1][0],
    mean: round(mean, 4),
    stdev: round(Math.sqrt(variance), 4),
    exact: true,
    pmf: pmf.map(([v, p]) => [v, round(p, 9)]),
  };
}

const INLINE = /(?<![\w])(\d*d(?:\d+|%)(?:k[hl]?\d+|d[hl]\d+)?(?:\s*[+-]\s*\d+(?!\s*d))*)(?![\w])/gi;

/** Finds dice expressions in free text: [{expr, start, end}]. */
export function findInline(text) {
  const found = [];
  for (const m of String(text).matchAll(INLINE)) found.push({ expr: m[1], start: m.index, end: m.index + m[1].length });
  return found;
}
