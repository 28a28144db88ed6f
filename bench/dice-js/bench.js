// Baseline for Sidekick's dice benchmarks: the same work on @dice-roller/rpg-dice-roller.
// Prints one JSON object {case: opsPerSecond}. Single-threaded, like the JMH side.
//   node bench.js [secondsPerCase] [expr|inline ...]   (default 5 s, warm-up half of it; all cases)
'use strict';
const { DiceRoll } = require('@dice-roller/rpg-dice-roller');
const { EXPRESSIONS, MESSAGE } = require('./cases');

const seconds = Number(process.argv[2] || process.env.DICE_JS_SECONDS || 5);

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

function measure(fn) {
  let sink = 0;
  const warmEnd = process.hrtime.bigint() + BigInt(Math.round(seconds * 0.5e9));
  while (process.hrtime.bigint() < warmEnd) for (let i = 0; i < 100; i++) sink += fn();
  let ops = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) sink += fn();
    ops += 100;
    now = process.hrtime.bigint();
  }
  if (sink === 42.4242) console.error('unlikely');
  return ops / (Number(now - start) / 1e9);
}

const only = process.argv.slice(3);
const wanted = (name) => only.length === 0 || only.includes(name);
const results = {};
for (const expr of EXPRESSIONS) {
  if (!wanted(expr)) continue;
  results[`uncached ${expr}`] = measure(() => new DiceRoll(expr).total);
  // rpg-dice-roller has no parse cache; re-rolling one parsed DiceRoll is its nearest equivalent
  const reused = new DiceRoll(expr);
  results[`cached ${expr}`] = measure(() => { reused.roll(); return reused.total; });
}
if (wanted('inline')) results['inline'] = measure(() => rollInline(MESSAGE).length);
console.log(JSON.stringify(results));
