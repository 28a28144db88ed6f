// Exponential back-off with jitter for reconnect and retry delays.

export const DEFAULT_BACKOFF = Object.freeze({ initialMs: 250, maxMs: 10_000, factor: 2, jitter: 0.2 });

export class Backoff {
  constructor({ initialMs, maxMs, factor, jitter } = DEFAULT_BACKOFF, random = Math.random) {
    this.initialMs = initialMs ?? DEFAULT_BACKOFF.initialMs;
    this.maxMs = maxMs ?? DEFAULT_BACKOFF.maxMs;
    this.factor = factor ?? DEFAULT_BACKOFF.factor;
    this.jitter = jitter ?? DEFAULT_BACKOFF.jitter;
    this.random = random;
    this.attempt = 0;
  }

  /** The delay before the next attempt; grows each call up to maxMs, spread by ±jitter so clients do not stampede. */
  next() {
    const base = Math.min(this.maxMs, this.initialMs * this.factor ** this.attempt);
    this.attempt++;
    const spread = base * this.jitter * (this.random() * 2 - 1);
    return Math.max(0, Math.round(base + spread));
  }

  reset() {
    this.attempt = 0;
  }
}
