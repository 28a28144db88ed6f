package sidekick.core.auth;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import sidekick.core.CoreException;
import sidekick.core.IssuedToken;
import sidekick.core.Principal;
import sidekick.core.TokenInfo;
import sidekick.core.TokenKind;
import sidekick.core.TokenSpec;
import sidekick.core.db.Database;

/**
 * Tokens: creation, verification, revocation. Only the SHA-256 of a token is stored. Active tokens are
 * cached in memory by hash so that checking a token on every call costs one hash and one map lookup;
 * {@link #refresh()} reconciles the cache with the database when another process changed it.
 *
 * <p>A token reads {@code sk_<kind>_<id>_<secret>}: the id names it in listings and revocations, the
 * 256-bit secret makes it unguessable.
 */
public final class TokenService {
  private static final String COLUMNS =
      "id, kind, user, channel, can_manage, label, created_at, revoked_at, hash";
  private static final int SECRET_BYTES = 32;
  private static final int ID_BYTES = 6;

  private final Database db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  /** Active tokens by hash. */
  private final Map<String, Principal> active = new ConcurrentHashMap<>();
  private final Map<String, String> hashById = new ConcurrentHashMap<>();
  /**
   * Tokens already verified, by the token itself: the hot check skips the hash. Bounded (cleared
   * when full); every revocation and reload drops entries, and {@link #generation} makes sure a check
   * racing with a revocation never leaves a revoked token here.
   */
  private final Map<String, Principal> verified = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  /** Most tokens kept in {@link #verified}. */
  public static final int VERIFIED_CACHE_SIZE = 10_000;
  /** Active app tokens holding the plug right, by channel and user: checked when a user loses it. */
  private final Map<String, Set<String>> managingApps = new ConcurrentHashMap<>();

  /**
   * An unknown token makes the service look for tokens made by another process at most this often, so
   * a flood of bad tokens costs no database work.
   */
  public static final long MISS_RECHECK_NANOS = 50_000_000L;

  private volatile Consumer<TokenInfo> revokedElsewhere = t -> {};
  private long seenDataVersion;
  private volatile long lastCheckNanos;

  public TokenService(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.seenDataVersion = db.dataVersion();
    this.lastCheckNanos = System.nanoTime();
    refresh();
  }

  /** Told of every token found revoked by another process (see {@link #checkForChanges()}). */
  public void onRevokedElsewhere(Consumer<TokenInfo> listener) {
    this.revokedElsewhere = listener;
  }

  /**
   * Reloads the tokens when another process (the CLI) committed to the database since the last
   * check, telling the listener of tokens revoked there. Returns whether anything changed.
   */
  public synchronized boolean checkForChanges() {
    lastCheckNanos = System.nanoTime();
    long v = db.dataVersion();
    if (v == seenDataVersion) return false;
    seenDataVersion = v;
    for (TokenInfo t : refresh()) revokedElsewhere.accept(t);
    return true;
  }

  /** The principal of a token, or empty when unknown, malformed or revoked. */
  public Optional<Principal> authenticate(String token) {
    Principal p = inMemory(token);
    if (p != null) return Optional.of(p);
    if (token == null || token.length() > 200 || !token.startsWith("sk_")) return Optional.empty();
    String hash = Hashing.sha256Hex(token);
    // Maybe made by another process (the CLI) since the last look: look again, but not too often.
    if (System.nanoTime() - lastCheckNanos > MISS_RECHECK_NANOS && checkForChanges()) {
      return Optional.ofNullable(active.get(hash));
    }
    return Optional.empty();
  }

  /**
   * The principal of an active token known to this process, or null: never touches the database
   * (an unknown token may still have been made by another process: {@link #authenticate} looks).
   */
  public Principal inMemory(String token) {
    if (token == null || token.length() > 200 || !token.startsWith("sk_")) return null;
    Principal p = verified.get(token);
    if (p != null) return p;
    long seen = generation.get();
    p = active.get(Hashing.sha256Hex(token));
    if (p == null) return null;
    if (verified.size() >= VERIFIED_CACHE_SIZE) verified.clear();
    verified.put(token, p);
    // a revocation between the look-up and the put bumped the generation: forget the entry again
    if (generation.get() != seen) verified.remove(token);
    return p;
  }

  public IssuedToken create(TokenSpec spec) {
    TokenKind kind = spec.kind();
    if (kind == TokenKind.APP && (blank(spec.user()) || blank(spec.channel()))) {
      throw CoreException.badRequest("an app token needs a user and a channel");
    }
    String user = kind == TokenKind.APP ? spec.user() : null;
    String channel = kind == TokenKind.APP ? spec.channel() : null;
    boolean canManage = kind == TokenKind.ADMIN || (kind == TokenKind.APP && spec.canManagePlugs());
    String id = hex(ID_BYTES);
    String token = "sk_" + kind.wireName() + "_" + id + "_" + secret();
    String hash = Hashing.sha256Hex(token);
    Instant now = clock.instant();
    db.write(s -> s.update(
        "INSERT INTO tokens (id, kind, hash, user, channel, can_manage, label, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id, kind.wireName(), hash, user, channel, canManage ? 1 : 0, spec.label(), now.toEpochMilli()));
    TokenInfo info = new TokenInfo(id, kind, user, channel, canManage, spec.label(), now, null);
    cache(info, hash);
    return new IssuedToken(info, token);
  }

  /**
   * Marks a token revoked. Returns it when this call revoked it, empty when it was already revoked.
   * Marked announced: the caller appends the {@code revoked} event itself.
   *
   * @throws CoreException 404 when there is no such token
   */
  public Optional<TokenInfo> revoke(String id, boolean announcedHere) {
    Instant now = clock.instant();
    TokenInfo before = find(id).orElseThrow(() -> CoreException.notFound("no token with id '" + id + "'"));
    if (before.revoked()) return Optional.empty();
    int changed = db.write(s -> s.update(
        "UPDATE tokens SET revoked_at = ?, announced = ? WHERE id = ? AND revoked_at IS NULL",
        now.toEpochMilli(), announcedHere ? 1 : 0, id));
    uncache(id);
    if (changed == 0) return Optional.empty();
    return Optional.of(new TokenInfo(before.id(), before.kind(), before.user(), before.channel(),
        before.canManagePlugs(), before.label(), before.createdAt(), now));
  }

  public Optional<TokenInfo> find(String id) {
    return db.read(s -> {
      try (ResultSet rs = s.query("SELECT " + COLUMNS + " FROM tokens WHERE id = ?", id)) {
        return rs.next() ? Optional.of(info(rs)) : Optional.<TokenInfo>empty();
      }
    });
  }

  /** All tokens, newest first. */
  public List<TokenInfo> list() {
    return db.read(s -> {
      List<TokenInfo> out = new ArrayList<>();
      try (ResultSet rs = s.query("SELECT " + COLUMNS + " FROM tokens ORDER BY created_at DESC, id")) {
        while (rs.next()) out.add(info(rs));
      }
      return out;
    });
  }

  /** Active app tokens bound to a user in a channel. */
  public List<TokenInfo> activeAppTokens(String channel, String user) {
    return db.read(s -> {
      List<TokenInfo> out = new ArrayList<>();
      try (ResultSet rs = s.query("SELECT " + COLUMNS + " FROM tokens WHERE kind = 'app' AND channel = ?"
          + " AND user = ? AND revoked_at IS NULL", channel, user)) {
        while (rs.next()) out.add(info(rs));
      }
      return out;
    });
  }

  /**
   * Reloads the active tokens from the database and drops from the cache those revoked elsewhere.
   * Returns the tokens found revoked by this refresh.
   */
  public List<TokenInfo> refresh() {
    Map<String, TokenInfo> fresh = new ConcurrentHashMap<>();
    List<TokenInfo> revoked = new ArrayList<>();
    db.read(s -> {
      try (ResultSet rs = s.query("SELECT " + COLUMNS + " FROM tokens")) {
        while (rs.next()) {
          TokenInfo i = info(rs);
          String hash = rs.getString("hash");
          if (!i.revoked()) {
            fresh.put(hash, i);
          } else if (hashById.containsKey(i.id())) {
            revoked.add(i);
          }
        }
      }
      return null;
    });
    for (TokenInfo i : revoked) uncache(i.id());
    fresh.forEach((hash, i) -> cache(i, hash));
    return revoked;
  }

  /** Revoked tokens whose {@code revoked} event nobody appended yet (revoked by another process). */
  public List<TokenInfo> unannounced() {
    return db.read(s -> {
      List<TokenInfo> out = new ArrayList<>();
      try (ResultSet rs = s.query("SELECT " + COLUMNS + " FROM tokens"
          + " WHERE revoked_at IS NOT NULL AND announced = 0 ORDER BY revoked_at")) {
        while (rs.next()) out.add(info(rs));
      }
      return out;
    });
  }

  /** Claims the announcement of a revocation; true for exactly one caller. */
  public boolean claimAnnouncement(String id) {
    return db.write(s -> s.update("UPDATE tokens SET announced = 1 WHERE id = ? AND announced = 0", id)) == 1;
  }

  /** Ids of active app tokens with the plug right bound to this user in this channel. */
  public Set<String> managingApps(String channel, String user) {
    Set<String> ids = managingApps.get(appKey(channel, user));
    return ids == null ? Set.of() : Set.copyOf(ids);
  }

  /** Number of active tokens. */
  public int activeCount() {
    return active.size();
  }

  private static String appKey(String channel, String user) {
    return channel + '\u0000' + user;
  }

  private void cache(TokenInfo i, String hash) {
    Principal p = principal(i);
    active.put(hash, p);
    hashById.put(i.id(), hash);
    if (p.kind() == TokenKind.APP && p.canManagePlugs()) {
      managingApps.computeIfAbsent(appKey(p.channel(), p.user()), k -> ConcurrentHashMap.newKeySet()).add(p.tokenId());
    }
  }

  private void uncache(String id) {
    String hash = hashById.remove(id);
    if (hash == null) return;
    Principal p = active.remove(hash);
    generation.incrementAndGet();
    verified.values().removeIf(v -> v.tokenId().equals(id));
    if (p != null && p.kind() == TokenKind.APP) {
      managingApps.computeIfPresent(appKey(p.channel(), p.user()), (k, ids) -> {
        ids.remove(id);
        return ids.isEmpty() ? null : ids;
      });
    }
  }

  private static Principal principal(TokenInfo i) {
    return new Principal(i.kind(), i.id(), i.user(), i.channel(), i.canManagePlugs());
  }

  private static TokenInfo info(ResultSet rs) throws SQLException {
    long revoked = rs.getLong("revoked_at");
    boolean wasRevoked = !rs.wasNull();
    return new TokenInfo(
        rs.getString("id"),
        TokenKind.parse(rs.getString("kind")),
        rs.getString("user"),
        rs.getString("channel"),
        rs.getInt("can_manage") != 0,
        rs.getString("label"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        wasRevoked ? Instant.ofEpochMilli(revoked) : null);
  }

  private String secret() {
    byte[] b = new byte[SECRET_BYTES];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
