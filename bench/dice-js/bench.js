// Baseline for Sidekick's dice benchmarks: the same work on @dice-roller/rpg-dice-roller.
// Prints one JSON object {case: opsPerSecond}: the BEST of several measured rounds, after a warm-up,
// so the baseline is never understated (node's rate moves between runs and within one: V8 tiers
// code up over seconds, and a busy machine slows single rounds). Each case's rounds go to stderr.
// Single-threaded, like the JMH side.
//   node bench.js [secondsPerCase] [expr|inline ...]   (default 5 s of rounds; all cases)
//   DICE_JS_WARMUP=seconds (default 5), DICE_JS_ROUNDS=n (default 5, splitting secondsPerCase)
'use strict';
const { DiceRoll } = require('@dice-roller/rpg-dice-roller');
const { EXPRESSIONS, MESSAGE } = require('./cases');

const seconds = Number(process.argv[2] || process.env.DICE_JS_SECONDS || 5);
const warmUpSeconds = Number(process.env.DICE_JS_WARMUP || 5);
const rounds = Math.max(1, Number(process.env.DICE_JS_ROUNDS || 5));

// Same job as Dice.rollInline: find the rolls in chat text, roll them, replace them.
// Simpler than Sidekick's finder (a regex, no longest-valid-prefix search), so it favours the baseline.
const CANDIDATE = /\[\[(.+?)\]\]|(?<![\w.$])(?:\d+|\()?[dD](?:\d+|%|F)[^\s,;]*(?:\s*[-+*/]\s*\d+[^\s,;]*)*/g;
function rollInline(text) {
  return text.replace(CANDIDATE, (match, forced) => {
    try {
      return new DiceRoll(forced || match).output;
    } catch (e) {
      return match;
    }
  });
}

// ops/s of fn over `secs` seconds (wall clock), and per CPU-second of this process
function round(fn, secs) {
  let sink = 0;
  let ops = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(secs * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) sink += fn();
    ops += 100;
    now = process.hrtime.bigint();
  }
  if (sink === 42.4242) console.error('unlikely');
  const cpu = process.cpuUsage(cpu0);
  return { wall: ops / (Number(now - start) / 1e9), cpu: ops / ((cpu.user + cpu.system) / 1e6) };
}

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
for (const expr of EXPRESSIONS) {
  if (!wanted(expr)) continue;
  run(`uncached ${expr}`, () => new DiceRoll(expr).total);
  // rpg-dice-roller has no parse cache; re-rolling one parsed DiceRoll is its nearest equivalent
  const reused = new DiceRoll(expr);
  run(`cached ${expr}`, () => { reused.roll(); return reused.total; });
}
if (wanted('inline')) run('inline', () => rollInline(MESSAGE).length);
if (process.env.DICE_JS_CPU) console.error(JSON.stringify({ cpu: cpuRates }));
console.log(JSON.stringify(results));
