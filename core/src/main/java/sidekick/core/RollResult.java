package sidekick.core;

/**
 * One dice roll inside a reply: the expression, its total (a {@link Long} when whole, a {@link Double}
 * otherwise, as the contract wants JSON numbers) and its Markdown rendering.
 */
public record RollResult(String expr, Number total, String text) {}
