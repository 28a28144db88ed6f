// The roll box: sends what is typed as a command, and while typing shows the exact odds of the dice
// expression in it (from /v1/stats) as a bar chart.

import { oddsChart, percent } from "./chart.js";
import { say } from "./dom.js";
import { expressionOf, round2 } from "./format.js";

/** Pause in typing before the odds are asked for. */
export const ODDS_DEBOUNCE_MS = 200;

export class RollBox {
  constructor({ client, channel, user, userName, form, input, odds, oddsExpr, oddsSummary, oddsChartBox, oddsError, error, onUnauthorized }) {
    Object.assign(this, { client, channel, user, userName, form, input, odds, oddsExpr, oddsSummary, oddsChartBox, oddsError, error, onUnauthorized });
    this.timer = null;
    this.asked = null; // the expression whose odds are on screen or on their way
    this.onInput = () => this.scheduleOdds();
    this.onSubmit = (e) => {
      e.preventDefault();
      this.send();
    };
  }

  start() {
    this.input.addEventListener("input", this.onInput);
    this.form.addEventListener("submit", this.onSubmit);
  }

  stop() {
    clearTimeout(this.timer);
    this.input.removeEventListener("input", this.onInput);
    this.form.removeEventListener("submit", this.onSubmit);
    this.hideOdds();
  }

  scheduleOdds() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.showOdds(expressionOf(this.input.value)), ODDS_DEBOUNCE_MS);
  }

  hideOdds() {
    this.asked = null;
    this.odds.hidden = true;
    say(this.oddsError, "");
  }

  async showOdds(expr) {
    if (!expr) return this.hideOdds();
    if (expr === this.asked) return;
    this.asked = expr;
    try {
      const stats = await this.client.stats(expr);
      if (this.asked !== expr) return; // a newer expression was typed meanwhile
      this.oddsExpr.textContent = stats.expr;
      const best = stats.pmf.reduce((a, b) => (b[1] > a[1] ? b : a));
      this.oddsSummary.textContent =
        `${stats.min} to ${stats.max} · mean ${round2(stats.mean)} · σ ${round2(stats.stdev)} · most likely ${best[0]} (${percent(best[1])})` +
        (stats.exact ? "" : " · approximate");
      this.oddsChartBox.replaceChildren(oddsChart(stats));
      this.odds.hidden = false;
      say(this.oddsError, "");
    } catch (e) {
      if (this.asked !== expr) return;
      if (e.status === 401) return this.onUnauthorized(e);
      this.odds.hidden = true;
      const at = e.payload?.position ?? e.body?.position;
      say(this.oddsError, at !== undefined ? `${e.message} (at character ${at + 1} of “${expr}”)` : e.message, "error");
    }
  }

  async send() {
    const text = this.input.value.trim();
    if (!text) return;
    say(this.error, "");
    try {
      const answer = await this.client.command({ channel: this.channel, user: this.user, userName: this.userName, text, canManagePlugs: false });
      if (answer.reply === null) say(this.error, "That was no command for the bot, so nothing was posted.", "info");
      this.input.value = "";
      this.hideOdds();
    } catch (e) {
      if (e.status === 401) return this.onUnauthorized(e);
      say(this.error, `Not sent: ${e.message}`, "error");
    }
  }
}
