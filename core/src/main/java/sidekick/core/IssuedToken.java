package sidekick.core;

/** A freshly created token: the secret {@code token} is shown this once and never stored in clear. */
public record IssuedToken(TokenInfo info, String token) {}
