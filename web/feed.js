// The channel view: replies rendered like Discord messages, roll events in the "Recent rolls" list,
// and one-line notices for plugs, variables and revocations. Everything user-written goes through
// renderMarkdown (DOM nodes, never innerHTML).

import { h } from "./dom.js";
import { clock, hue, micros as formatMicros } from "./format.js";
import { icon } from "./icons.js";
import { renderMarkdown } from "./markdown.js";

/** Messages kept on the page; older ones are dropped so a long session stays light. */
export const MAX_FEED_ITEMS = 300;
export const MAX_RECENT_ROLLS = 12;
/** The event types the channel view shows; others (shard_status, ...) are never even decoded. */
export const SHOWN_TYPES = ["reply", "roll", "plug_added", "plug_removed", "var_set", "var_deleted", "revoked"];

export class Feed {
  constructor({ feed, rolls, rollsEmpty }) {
    this.feed = feed;
    this.rolls = rolls;
    this.rollsEmpty = rollsEmpty;
  }

  clear() {
    this.feed.replaceChildren();
    this.rolls.replaceChildren();
    this.rollsEmpty.hidden = false;
  }

  add(event) {
    switch (event.type) {
      case "reply":
        this.append(message(event.userName || event.user || "someone", event.user, event.at, renderMarkdown(event.command || ""), event.seq, false));
        this.append(message("Sidekick", "sidekick", event.at, renderMarkdown(event.reply ?? ""), event.seq, true, event.micros));
        break;
      case "roll":
        this.addRoll(event);
        break;
      case "plug_added":
        this.notice(event, "plug", `${event.user || "someone"} ${event.replaced ? "replaced" : "added"} the plug `, event.name);
        break;
      case "plug_removed":
        this.notice(event, "remove", `${event.user || "someone"} removed the plug `, event.name);
        break;
      case "var_set":
        this.notice(event, "pin", `${event.user || "someone"} saved ${event.scope === "user" ? "their" : "a channel"} roll `, `${event.name} = ${event.expr}`);
        break;
      case "var_deleted":
        this.notice(event, "pin", `${event.user || "someone"} deleted the saved roll `, event.name);
        break;
      case "revoked":
        this.notice(event, "lock", `the ${event.kind ? event.kind + " " : ""}token of ${event.user || "someone"} was revoked`);
        break;
      default:
        break; // shard_status and future types are not shown in the channel
    }
  }

  append(node) {
    const stick = this.feed.scrollHeight - this.feed.scrollTop - this.feed.clientHeight < 80;
    this.feed.append(node);
    while (this.feed.childElementCount > MAX_FEED_ITEMS) this.feed.firstElementChild.remove();
    if (stick) this.feed.scrollTop = this.feed.scrollHeight;
  }

  notice(event, iconName, text, code) {
    this.append(
      h("li", { class: "notice", dataset: { seq: event.seq, type: event.type } },
        icon(iconName),
        h("span", {}, text, code ? h("code", {}, code) : null),
        h("time", { datetime: event.at }, clock(event.at))),
    );
  }

  addRoll(event) {
    this.rollsEmpty.hidden = true;
    const item = h("li", { class: "roll", dataset: { seq: event.seq } },
      h("span", { class: "total", "aria-label": `total ${event.total}` }, String(event.total)),
      h("span", { class: "roll-body" },
        h("span", { class: "roll-who" }, event.userName || event.user || "someone", " ", h("code", {}, event.expr)),
        h("span", { class: "roll-text" }, renderMarkdown(event.text || ""))));
    this.rolls.prepend(item);
    while (this.rolls.childElementCount > MAX_RECENT_ROLLS) this.rolls.lastElementChild.remove();
  }
}

function message(author, userKey, at, content, seq, bot, micros) {
  const initial = [...String(author).trim()][0]?.toUpperCase() || "?";
  return h("li", { class: bot ? "msg bot" : "msg", dataset: { seq, author } },
    h("span", { class: "avatar", style: bot ? null : `--hue:${hue(userKey || author)}`, "aria-hidden": "true" }, bot ? icon("die", 22) : initial),
    h("div", { class: "msg-main" },
      h("div", { class: "msg-head" },
        h("span", { class: "author" }, author),
        bot ? h("span", { class: "tag" }, "BOT") : null,
        h("time", { datetime: at }, clock(at)),
        bot && micros !== undefined ? h("span", { class: "micros", title: "time the core took" }, formatMicros(micros)) : null),
      h("div", { class: "content" }, content)));
}
