// The admin's view of the server: shard status and WASM store statistics, refreshed while shown.

import { h } from "./dom.js";
import { ago, bytes, count } from "./format.js";

export const ADMIN_REFRESH_MS = 5000;

export class AdminPanel {
  constructor({ client, panel, shardsBody, shardsEmpty, store, onUnauthorized }) {
    Object.assign(this, { client, panel, shardsBody, shardsEmpty, store, onUnauthorized });
    this.timer = null;
  }

  start() {
    this.panel.hidden = false;
    this.refresh();
    this.timer = setInterval(() => this.refresh(), ADMIN_REFRESH_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.panel.hidden = true;
  }

  async refresh() {
    try {
      const [shards, store] = await Promise.all([this.client.shards(), this.client.storeStats()]);
      this.renderShards(shards);
      this.renderStore(store);
    } catch (e) {
      if (e.status === 401) this.onUnauthorized(e);
    }
  }

  renderShards(shards) {
    this.shardsEmpty.hidden = shards.length > 0;
    this.shardsBody.closest(".table-wrap").hidden = shards.length === 0;
    this.shardsBody.replaceChildren(
      ...shards.map((s) =>
        h("tr", {},
          h("td", {}, `${s.shard} / ${s.shardsTotal}`),
          h("td", {}, h("span", { class: `state ${String(s.state).toLowerCase()}` }, s.state)),
          h("td", { class: "num" }, count(s.guilds)),
          h("td", { class: "num" }, `${s.latencyMillis} ms`),
          h("td", { class: "num" }, count(s.queue)),
          h("td", {}, h("time", { datetime: s.reportedAt }, ago(s.reportedAt))))),
    );
  }

  renderStore(s) {
    const ratio = s.storedBytes > 0 ? (s.rawBytes / s.storedBytes).toFixed(1) + "×" : "–";
    const rows = [
      ["Modules", count(s.blobs)],
      ["References", count(s.references)],
      ["Raw size", bytes(s.rawBytes)],
      ["Stored", bytes(s.storedBytes)],
      ["Saving", ratio],
    ];
    this.store.replaceChildren(...rows.flatMap(([k, v]) => [h("div", {}, h("dt", {}, k), h("dd", {}, v))]));
  }
}
