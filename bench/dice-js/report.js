// Merges JMH results (-rf json) and bench.js results into the Markdown table of docs/benchmarks.md.
//   node report.js jmh1.json [jmh2.json ...] -- js1.json [js2.json ...]
'use strict';
const fs = require('fs');
const args = process.argv.slice(2);
const split = args.indexOf('--');
const jmhFiles = args.slice(0, split);
const jsFiles = args.slice(split + 1);

const java = {};
for (const f of jmhFiles) {
  for (const r of JSON.parse(fs.readFileSync(f, 'utf8'))) {
    const method = r.benchmark.split('.').pop();
    const key = r.benchmark.includes('InlineBenchmark')
      ? (method === 'scanAndRoll' ? 'inline' : 'inline uncached')
      : `${method} ${r.params.expr}`;
    java[key] = { score: r.primaryMetric.score, error: r.primaryMetric.scoreError };
  }
}
const js = Object.assign({}, ...jsFiles.map((f) => JSON.parse(fs.readFileSync(f, 'utf8'))));

const TARGET = { 'cached 1d20+5': 2e6, 'cached 4d6kh3': 1e6 };
const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log('| case | Sidekick ops/s (± 99.9% error) | rpg-dice-roller ops/s | ratio (target ≥ 15) | absolute target |');
console.log('| --- | ---: | ---: | ---: | --- |');
const missed = [];
for (const key of Object.keys(java)) {
  const j = java[key];
  const base = js[key === 'inline uncached' ? 'inline' : key]; // rpg-dice-roller has no cache
  const ratio = base ? j.score / base : NaN;
  const abs = TARGET[key] ? `${fmt(TARGET[key])}: ${j.score >= TARGET[key] ? 'met' : 'MISSED'}` : '';
  const label = key.startsWith('inline') ? key.replace('inline', 'inline scan, 306-char message, 2 rolls,') + (key === 'inline' ? ' cached' : '') : key;
  console.log(`| ${label} | ${fmt(j.score)} ± ${fmt(j.error)} | ${base ? fmt(base) : 'n/a'} | ${isNaN(ratio) ? 'n/a' : ratio.toFixed(1) + '×' + (ratio >= 15 ? '' : ' MISSED')} | ${abs} |`);
  if (ratio < 15) missed.push(key);
}
if (missed.length) {
  // the two sides ran minutes apart, each ratio our mean against node's best round: on a shared
  // machine whose cores change speed within seconds, paired.sh measures them a second apart
  console.log(`\nMISSED here: ${missed.join(', ')}. This table sets our mean against node's best round, measured`
    + ` minutes apart; for rounds a second apart run bench/dice-js/paired.sh 15 ${missed.map((k) => `"${k}"`).join(' ')}`);
}
