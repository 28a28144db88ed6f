package sidekick.core;

/** The answer to {@code POST /v1/apps/bind}: the new app token and what it is bound to. */
public record AppBinding(String token, String tokenId, String channel, String user) {}
