// Baseline for Sidekick's dice benchmarks: the same work on @dice-roller/rpg-dice-roller.
// Prints one JSON object {case: opsPerSecond}: the BEST of several measured rounds, after a warm-up,
// so the baseline is never understated (node's rate moves between runs and within one: V8 tiers
// code up over seconds, and a busy machine slows single rounds). Each case's rounds go to stderr.
// Single-threaded, like the JMH side.
//   node bench.js [secondsPerCase] [expr|inline ...]   (default 5 s of rounds; all cases)
//   DICE_JS_WARMUP=seconds (default 5), DICE_JS_ROUNDS=n (default 5, splitting secondsPerCase)
'use strict';
const { EXPRESSIONS } = require('./cases');
const { cases, round } = require('./baseline');

const seconds = Number(process.argv[2] || process.env.DICE_JS_SECONDS || 5);
const warmUpSeconds = Number(process.env.DICE_JS_WARMUP || 5);
const rounds = Math.max(1, Number(process.env.DICE_JS_ROUNDS || 5));

function measure(fn) {
  round(fn, warmUpSeconds);
  const all = [];
  for (let r = 0; r < rounds; r++) all.push(round(fn, seconds / rounds));
  const best = Math.max(...all.map((x) => x.wall));
  cpuRates[current] = Math.max(...all.map((x) => x.cpu));
  console.error(JSON.stringify({ case: current, best: Math.round(best), rounds: all.map((x) => Math.round(x.wall)) }));
  return best;
}

const only = process.argv.slice(3);
const wanted = (name) => only.length === 0 || only.includes(name);
const results = {};
// ops per CPU-second of this process, a cross-check that shared-machine load does not distort
const cpuRates = {};
let current = '';
const run = (name, fn) => { current = name; results[name] = measure(fn); };
const work = cases();
for (const expr of EXPRESSIONS) {
  if (!wanted(expr)) continue;
  run(`uncached ${expr}`, work[`uncached ${expr}`]);
  run(`cached ${expr}`, work[`cached ${expr}`]);
}
if (wanted('inline')) run('inline', work.inline);
if (process.env.DICE_JS_CPU) console.error(JSON.stringify({ cpu: cpuRates }));
console.log(JSON.stringify(results));
