// The channel's plugs with their live statistics, upload/replace by drag and drop (or a file picker),
// and removal. Statistics change with every command, so the table refreshes after each reply and on a
// timer; plug_added / plug_removed events refresh it at once.

import { h, say } from "./dom.js";
import { bytes, count, micros } from "./format.js";

export const PLUGS_REFRESH_MS = 5000;
/** Largest file the page will send; the server has its own (configurable) limit and answers 413 above it. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

/** A plug name from a file name: "My Dice.wasm" gives "my-dice". */
export function plugNameOf(fileName) {
  return fileName.replace(/\.wasm$/i, "").toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 32) || "plug";
}

export class PlugsPanel {
  constructor({ client, channel, user, body, empty, dropzone, fileInput, message, onUnauthorized }) {
    Object.assign(this, { client, channel, user, body, empty, dropzone, fileInput, message, onUnauthorized });
    this.timer = null;
    this.soon = null;
    this.handlers = [];
  }

  start() {
    this.refresh();
    this.timer = setInterval(() => this.refresh(), PLUGS_REFRESH_MS);
    const listen = (target, type, fn) => {
      target.addEventListener(type, fn);
      this.handlers.push(() => target.removeEventListener(type, fn));
    };
    listen(this.dropzone, "dragenter", (e) => this.dragOver(e));
    listen(this.dropzone, "dragover", (e) => this.dragOver(e));
    listen(this.dropzone, "dragleave", () => this.dropzone.classList.remove("over"));
    listen(this.dropzone, "drop", (e) => this.drop(e));
    listen(this.dropzone, "click", () => this.fileInput.click());
    listen(this.dropzone, "keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        this.fileInput.click();
      }
    });
    listen(this.fileInput, "change", () => {
      for (const f of this.fileInput.files) this.upload(f);
      this.fileInput.value = "";
    });
  }

  stop() {
    clearInterval(this.timer);
    clearTimeout(this.soon);
    for (const off of this.handlers.splice(0)) off();
    this.body.replaceChildren();
  }

  /** Refreshes shortly, folding bursts of events into one call. */
  refreshSoon(delayMs = 150) {
    clearTimeout(this.soon);
    this.soon = setTimeout(() => this.refresh(), delayMs);
  }

  async refresh() {
    try {
      this.render(await this.client.plugs(this.channel));
    } catch (e) {
      if (e.status === 401) this.onUnauthorized(e);
    }
  }

  render(plugs) {
    this.empty.hidden = plugs.length > 0;
    const sorted = [...plugs].sort((a, b) => a.name.localeCompare(b.name));
    const stat = (key, label, value, bad = false) =>
      h("div", { class: bad ? "stat bad" : "stat" }, h("dt", {}, label), h("dd", { dataset: { stat: key } }, value));
    this.body.replaceChildren(
      ...sorted.map((p) =>
        h("li", { class: "plug", dataset: { plug: p.name } },
          h("div", { class: "plug-head" },
            h("span", { class: "plug-name", title: `sha256 ${p.hash}` }, p.name),
            h("span", { class: "plug-meta" }, h("span", { dataset: { stat: "size" } }, bytes(p.len)), ` · by ${p.uploadedBy ?? "?"}`),
            h("button", { type: "button", class: "ghost danger small", "aria-label": `Remove plug ${p.name}`, onclick: () => this.remove(p.name) }, "Remove")),
          h("dl", { class: "plug-stats" },
            stat("calls", "Calls", count(p.calls)),
            stat("errors", "Errors", count(p.errors), p.errors > 0),
            stat("p50", "p50", micros(p.p50Micros)),
            stat("p99", "p99", micros(p.p99Micros)),
            stat("in", "In", bytes(p.bytesIn)),
            stat("out", "Out", bytes(p.bytesOut))))),
    );
  }

  dragOver(e) {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    this.dropzone.classList.add("over");
  }

  drop(e) {
    e.preventDefault();
    this.dropzone.classList.remove("over");
    const files = [...(e.dataTransfer?.files || [])];
    if (files.length === 0) say(this.message, "Drop a .wasm file.", "error");
    for (const f of files) this.upload(f);
  }

  async upload(file) {
    if (file.size > MAX_UPLOAD_BYTES) {
      say(this.message, `${file.name} is ${bytes(file.size)}, over the ${bytes(MAX_UPLOAD_BYTES)} the page sends.`, "error");
      return;
    }
    const name = plugNameOf(file.name);
    say(this.message, `Uploading ${name}…`);
    try {
      const data = new Uint8Array(await file.arrayBuffer());
      const answer = await this.client.putPlug(this.channel, name, data, { user: this.user });
      say(this.message, `Plug ${answer.name} is live: ${bytes(answer.len)}, compiled in ${answer.compileMillis} ms.`, "ok");
      this.refreshSoon(0);
    } catch (e) {
      if (e.status === 401) return this.onUnauthorized(e);
      say(this.message, `${name} was not uploaded: ${e.message}`, "error");
    }
  }

  async remove(name) {
    try {
      await this.client.removePlug(this.channel, name);
      say(this.message, `Plug ${name} removed.`, "ok");
      this.refreshSoon(0);
    } catch (e) {
      if (e.status === 401) return this.onUnauthorized(e);
      say(this.message, `Could not remove ${name}: ${e.message}`, "error");
    }
  }
}
