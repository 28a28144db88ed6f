// Discord-flavoured Markdown, rendered safely: text is parsed into a small tree and built with DOM
// text nodes and elements, never with innerHTML, so anything a user typed stays text.
//
// Supported like Discord: **bold**, *italic* / _italic_, __underline__, ~~strike~~, `code`,
// ```code blocks```, ||spoilers||, "> " quotes, and backslash escapes.

const INLINE_RULES = [
  { type: "code", re: /`([^`\n]+)`/y, leaf: true },
  { type: "escape", re: /\\([*_~`|\\>#])/y, leaf: true },
  { type: "bold", re: /\*\*([\s\S]+?)\*\*(?!\*)/y },
  { type: "underline", re: /__([\s\S]+?)__(?!_)/y },
  { type: "strike", re: /~~([\s\S]+?)~~/y },
  { type: "spoiler", re: /\|\|([\s\S]+?)\|\|/y },
  // Italic content may hold whole **bold** spans, as in Discord: "*a **b** c*".
  { type: "italic", re: /\*(?=[^\s*])((?:\*\*[\s\S]+?\*\*|[^*])*?[^\s*](?:\*\*)?)\*(?!\*)/y },
  { type: "italic", re: /_(?=\S)([\s\S]*?\S)_(?![A-Za-z0-9_])/y },
];
const SPECIAL = /[`\\*_~|]/g;

/** Parses inline Markdown into [{type: "text", text} | {type, children} | {type: "code", text}]. */
export function parseInline(text) {
  const out = [];
  let plain = "";
  let i = 0;
  const flush = () => {
    if (plain) out.push({ type: "text", text: plain });
    plain = "";
  };
  while (i < text.length) {
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(text);
    if (!next) {
      plain += text.slice(i);
      break;
    }
    plain += text.slice(i, next.index);
    i = next.index;
    let matched = false;
    for (const rule of INLINE_RULES) {
      rule.re.lastIndex = i;
      const m = rule.re.exec(text);
      if (!m) continue;
      if (rule.type === "escape") {
        plain += m[1];
      } else {
        flush();
        out.push(rule.leaf ? { type: rule.type, text: m[1] } : { type: rule.type, children: parseInline(m[1]) });
      }
      i += m[0].length;
      matched = true;
      break;
    }
    if (!matched) {
      plain += text[i];
      i++;
    }
  }
  flush();
  return out;
}

/** Parses a message into blocks: code fences, quotes and paragraphs of inline Markdown. */
export function parseMarkdown(text) {
  const blocks = [];
  const source = String(text ?? "");
  const fence = /```(?:([\w+-]+)\n)?([\s\S]*?)```/g;
  let last = 0;
  for (const m of source.matchAll(fence)) {
    pushLines(blocks, source.slice(last, m.index));
    blocks.push({ type: "codeblock", lang: m[1] || null, text: m[2].replace(/^\n|\n$/g, "") });
    last = m.index + m[0].length;
  }
  pushLines(blocks, source.slice(last));
  return blocks;
}

function pushLines(blocks, text) {
  if (!text) return;
  let para = [];
  let quote = [];
  const flushPara = () => {
    if (para.length) blocks.push({ type: "paragraph", children: parseInline(para.join("\n")) });
    para = [];
  };
  const flushQuote = () => {
    if (quote.length) blocks.push({ type: "quote", children: parseInline(quote.join("\n")) });
    quote = [];
  };
  for (const line of text.split("\n")) {
    const q = /^>\s?(.*)$/.exec(line);
    if (q) {
      flushPara();
      quote.push(q[1]);
    } else {
      flushQuote();
      para.push(line);
    }
  }
  flushPara();
  flushQuote();
  // Fences leave a stray empty line on each side: drop paragraphs that are only whitespace.
  for (let k = blocks.length - 1; k >= 0; k--) {
    const b = blocks[k];
    if (b.type === "paragraph" && b.children.every((c) => c.type === "text" && !c.text.trim())) blocks.splice(k, 1);
  }
}

const TAGS = { bold: "strong", italic: "em", underline: "u", strike: "s", code: "code", spoiler: "span" };

function buildInline(doc, nodes, parent) {
  for (const n of nodes) {
    if (n.type === "text") {
      parent.append(doc.createTextNode(n.text));
      continue;
    }
    const el = doc.createElement(TAGS[n.type]);
    if (n.type === "code") el.textContent = n.text;
    else buildInline(doc, n.children, el);
    if (n.type === "spoiler") {
      el.className = "spoiler";
      el.tabIndex = 0;
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", "spoiler, press to reveal");
      const reveal = () => {
        el.classList.add("revealed");
        el.removeAttribute("role");
        el.removeAttribute("aria-label");
      };
      el.addEventListener("click", reveal);
      el.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && reveal());
    }
    parent.append(el);
  }
}

/** Renders Discord-flavoured Markdown into a DocumentFragment. */
export function renderMarkdown(text, doc = document) {
  const frag = doc.createDocumentFragment();
  for (const block of parseMarkdown(text)) {
    if (block.type === "codeblock") {
      const pre = doc.createElement("pre");
      const code = doc.createElement("code");
      code.textContent = block.text;
      pre.append(code);
      frag.append(pre);
    } else {
      const el = doc.createElement(block.type === "quote" ? "blockquote" : "p");
      buildInline(doc, block.children, el);
      frag.append(el);
    }
  }
  return frag;
}
