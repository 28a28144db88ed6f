'use strict';
// The baseline's work, shared by bench.js (rounds of its own) and serve.js (rounds on request, for
// sidekick.bench.dice.PairedRounds): each case of the comparison as a function, and a timed round.
const { DiceRoll } = require('@dice-roller/rpg-dice-roller');
const { EXPRESSIONS, MESSAGE } = require('./cases');

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

/** Every case by its name in the comparison ("uncached 1d20+5", "cached 1d20+5", ..., "inline"). */
function cases() {
  const all = {};
  for (const expr of EXPRESSIONS) {
    all[`uncached ${expr}`] = () => new DiceRoll(expr).total;
    // rpg-dice-roller has no parse cache; re-rolling one parsed DiceRoll is its nearest equivalent
    const reused = new DiceRoll(expr);
    all[`cached ${expr}`] = () => { reused.roll(); return reused.total; };
  }
  all.inline = () => rollInline(MESSAGE).length;
  return all;
}

module.exports = { cases, round, rollInline };
