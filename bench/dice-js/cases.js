'use strict';
// The benchmark cases, shared with the Java side (DiceBenchmark keeps the same list).
const EXPRESSIONS = ['1d20+5', '4d6kh3', '10d10!>8', '(2d6+3)*2'];
const MESSAGE =
  'Grog charges across the muddy field toward the goblin chieftain, shield raised and axe ready. ' +
  'He swings for 2d6+3 slashing damage and, if the blow lands, the bleeding adds [[1d4]] more. ' +
  'The goblins scream and scatter toward the old watchtower while the bard hums a tune and counts 14 gold pieces of silver.';
module.exports = { EXPRESSIONS, MESSAGE };
