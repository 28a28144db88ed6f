// The page's pure modules (no DOM needed): Markdown parsing, roll-box expressions, plug names, formats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseInline, parseMarkdown } from "../../../web/markdown.js";
import { bytes, expressionOf, micros } from "../../../web/format.js";
import { plugNameOf } from "../../../web/plugs.js";

const flat = (nodes) => nodes.map((n) => (n.type === "text" ? n.text : n.type === "code" ? `<code:${n.text}>` : `<${n.type}:${flat(n.children)}>`)).join("");

test("Discord inline Markdown: bold, italic, underline, strike, code, spoiler", () => {
  assert.equal(flat(parseInline("**b** *i* _i2_ __u__ ~~s~~ `c` ||x||")), "<bold:b> <italic:i> <italic:i2> <underline:u> <strike:s> <code:c> <spoiler:x>");
  assert.equal(flat(parseInline("4d6kh3 (4, 4, **6**, ~~3~~) = `14`")), "4d6kh3 (4, 4, <bold:6>, <strike:3>) = <code:14>");
  assert.equal(flat(parseInline("*note with **bold** inside*")), "<italic:note with <bold:bold> inside>");
  assert.equal(flat(parseInline("***both***")), "<bold:<italic:both>>");
});

test("what is not Markdown stays text, HTML included", () => {
  assert.equal(flat(parseInline('<img src=x onerror="alert(1)"> & <b>hi</b>')), '<img src=x onerror="alert(1)"> & <b>hi</b>');
  assert.equal(flat(parseInline("2 * 3 * 4 and snake_case_name")), "2 * 3 * 4 and snake_case_name");
  assert.equal(flat(parseInline("unclosed **bold and `code")), "unclosed **bold and `code");
  assert.equal(flat(parseInline("\\*\\*not bold\\*\\*")), "**not bold**");
  assert.equal(flat(parseInline("`**not bold in code**`")), "<code:**not bold in code**>");
});

test("blocks: code fences and quotes", () => {
  const blocks = parseMarkdown("hello\n> quoted **line**\n```js\nlet x = '<b>';\n```\nbye");
  assert.deepEqual(blocks.map((b) => b.type), ["paragraph", "quote", "codeblock", "paragraph"]);
  assert.equal(blocks[2].text, "let x = '<b>';");
  assert.equal(flat(blocks[1].children), "quoted <bold:line>");
});

test("the roll box finds the expression to chart", () => {
  assert.equal(expressionOf("/r 4d6kh3 # strength"), "4d6kh3");
  assert.equal(expressionOf("/roll 2d6+3"), "2d6+3");
  assert.equal(expressionOf("  1d20+5 "), "1d20+5");
  assert.equal(expressionOf("hello there"), null);
  assert.equal(expressionOf("/r "), null);
});

test("plug names from file names, and human formats", () => {
  assert.equal(plugNameOf("My Dice.wasm"), "my-dice");
  assert.equal(plugNameOf("crits_v2.WASM"), "crits_v2");
  assert.equal(plugNameOf("###.wasm"), "plug");
  assert.equal(bytes(53), "53 B");
  assert.equal(bytes(18_432), "18 KB");
  assert.equal(bytes(1536), "1.5 KB");
  assert.equal(micros(85), "85 µs");
  assert.equal(micros(2500), "2.5 ms");
});

test("odds figures are shown with at most two decimals", async () => {
  const { round2 } = await import("../../../web/format.js");
  assert.equal(round2(12.244599), "12.24");
  assert.equal(round2(10.5), "10.5");
  assert.equal(round2(3), "3");
  assert.equal(round2(NaN), "–");
});
