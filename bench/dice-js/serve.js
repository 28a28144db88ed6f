'use strict';
// rpg-dice-roller's rounds on request, so a Java harness (sidekick.bench.dice.PairedRounds) can
// alternate its own rounds with these second by second: both sides then meet the same machine.
// Protocol, one line each way: in "<seconds>\t<case>" (a case name of baseline.js), out
// {"wall": ops/s, "cpu": ops per CPU-second}; an unknown case answers {"error": "..."}.
// Each round first runs the case unmeasured for PRE_ROLL_SECONDS: the process has been idle while
// the other side ran, and its first moments back (caches, the heap V8 shrank meanwhile) are not its
// steady speed. The Java side does the same.
//   node serve.js
const readline = require('readline');
const { cases, round } = require('./baseline');

const PRE_ROLL_SECONDS = 0.25;
const work = cases();
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const tab = line.indexOf('\t');
  const seconds = Number(line.slice(0, tab));
  const fn = work[line.slice(tab + 1)];
  if (tab < 0 || !(seconds > 0) || !fn) {
    console.log(JSON.stringify({ error: `expected "<seconds>\\t<case>", one of: ${Object.keys(work).join(', ')}` }));
    return;
  }
  round(fn, PRE_ROLL_SECONDS);
  console.log(JSON.stringify(round(fn, seconds)));
});
