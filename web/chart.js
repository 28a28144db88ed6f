// The odds of a dice expression as an SVG bar chart: one bar per total, its height the exact
// probability from /v1/stats, with a y grid in percent, x labels spread so they never overlap, and a
// line at the mean. Each bar has a <title> so hovering (or a screen reader) gives the exact figure.

import { round2 } from "./format.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 560;
const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 26, left: 40 };
/** Above this many totals, bars are drawn without gaps. */
const DENSE_BARS = 60;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function percent(p) {
  const v = p * 100;
  if (v === 0) return "0%";
  if (v < 0.01) return "<0.01%";
  if (v < 1) return v.toFixed(2) + "%";
  return v.toFixed(1) + "%";
}

/** A "nice" step (1, 2, 5 × 10^k) giving about `target` ticks over `range`. */
function niceStep(range, target) {
  const raw = range / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm < 1.5 ? 1 : norm < 3.5 ? 2 : norm < 7.5 ? 5 : 10) * mag;
}

/** Builds the chart for a stats answer {expr, min, max, mean, stdev, pmf}. */
export function oddsChart(stats) {
  const pmf = stats.pmf;
  const maxP = Math.max(...pmf.map(([, p]) => p));
  const yTop = Math.min(1, niceStep(maxP, 4) * Math.ceil(maxP / niceStep(maxP, 4)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const lo = stats.min;
  const span = stats.max - stats.min + 1;
  const slot = plotW / span;
  const gap = span > DENSE_BARS ? 0 : Math.min(2, slot * 0.15);
  const x = (v) => PAD.left + (v - lo) * slot;
  const y = (p) => PAD.top + plotH - (p / yTop) * plotH;

  const svg = el("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: "chart",
    role: "img",
    "aria-label": `Odds of ${stats.expr}: totals ${stats.min} to ${stats.max}, mean ${round2(stats.mean)}, most likely ${mostLikely(pmf).join(", ")}`,
    preserveAspectRatio: "xMidYMid meet",
  });
  const yStep = niceStep(yTop, 4);
  for (let p = 0; p <= yTop + 1e-12; p += yStep) {
    svg.append(el("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(p), y2: y(p), class: "grid" }));
    svg.append(el("text", { x: PAD.left - 6, y: y(p) + 4, class: "axis", "text-anchor": "end" }, percent(p).replace(".0%", "%")));
  }
  const bars = el("g", { class: "bars" });
  const top = mostLikely(pmf);
  for (const [v, p] of pmf) {
    const h = Math.max(p > 0 ? 1 : 0, (p / yTop) * plotH);
    const rect = el("rect", {
      x: x(v) + gap / 2,
      y: PAD.top + plotH - h,
      width: Math.max(0.5, slot - gap),
      height: h,
      rx: Math.min(2, slot / 4),
      class: top.includes(v) ? "bar top" : "bar",
      "data-total": v,
      "data-p": p,
    });
    rect.append(el("title", {}, `${v}: ${percent(p)}`));
    bars.append(rect);
  }
  svg.append(bars);
  svg.append(el("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0), y2: y(0), class: "baseline" }));
  const xStep = Math.max(1, Math.ceil(niceStep(span, Math.min(span, 12))));
  const first = Math.ceil(lo / xStep) * xStep;
  for (let v = first; v <= stats.max; v += xStep) {
    svg.append(el("text", { x: x(v) + slot / 2, y: HEIGHT - 8, class: "axis", "text-anchor": "middle" }, String(v)));
  }
  const mx = x(stats.mean) + slot / 2;
  svg.append(el("line", { x1: mx, x2: mx, y1: PAD.top - 4, y2: PAD.top + plotH, class: "mean" }));
  svg.append(el("text", { x: Math.min(mx + 4, WIDTH - 60), y: PAD.top + 6, class: "mean-label" }, `mean ${round2(stats.mean)}`));
  return svg;
}

function mostLikely(pmf) {
  const maxP = Math.max(...pmf.map(([, p]) => p));
  return pmf.filter(([, p]) => Math.abs(p - maxP) < 1e-12).map(([v]) => v);
}
