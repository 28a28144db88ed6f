package sidekick.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.time.Clock;
import sidekick.core.db.Database;
import sidekick.core.db.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import sidekick.core.DatabaseTestBase;
import sidekick.core.CoreException;
import sidekick.core.IssuedToken;
import sidekick.core.Principal;
import sidekick.core.TokenKind;
import sidekick.core.TokenSpec;

class TokenServiceTest extends DatabaseTestBase {
  TokenService tokens;

  @Override
  protected void opened() {
    tokens = new TokenService(db, Clock.systemUTC());
  }

  @Test
  void aCreatedTokenAuthenticatesAsItsKind() {
    IssuedToken shard = tokens.create(TokenSpec.shard("eu"));
    IssuedToken app = tokens.create(TokenSpec.app("u1", "c1", true, "phone"));
    assertThat(shard.token()).startsWith("sk_shard_" + shard.info().id() + "_");
    Principal p = tokens.authenticate(shard.token()).orElseThrow();
    assertThat(p.kind()).isEqualTo(TokenKind.SHARD);
    assertThat(p.tokenId()).isEqualTo(shard.info().id());
    Principal a = tokens.authenticate(app.token()).orElseThrow();
    assertThat(a).isEqualTo(new Principal(TokenKind.APP, app.info().id(), "u1", "c1", true));
  }

  @Test
  void aVerifiedTokenIsForgottenAtItsRevocation() {
    IssuedToken t = tokens.create(TokenSpec.shard("eu"));
    IssuedToken other = tokens.create(TokenSpec.shard("us"));
    assertThat(tokens.inMemory(t.token())).isNotNull();
    assertThat(tokens.inMemory(t.token())).isEqualTo(tokens.authenticate(t.token()).orElseThrow());
    assertThat(tokens.inMemory(other.token())).isNotNull();
    tokens.revoke(t.info().id(), true);
    assertThat(tokens.inMemory(t.token())).isNull();
    assertThat(tokens.authenticate(t.token())).isEmpty();
    assertThat(tokens.inMemory(other.token())).isNotNull();
  }

  @Test
  void aTokenRevokedByAnotherProcessIsForgottenAtTheNextCheck() {
    IssuedToken t = tokens.create(TokenSpec.shard("eu"));
    assertThat(tokens.inMemory(t.token())).isNotNull();
    db.write(s -> s.update("UPDATE tokens SET revoked_at = 1 WHERE id = ?", t.info().id()));
    tokens.refresh();
    assertThat(tokens.inMemory(t.token())).isNull();
  }

  @Test
  void theInMemoryCheckRefusesWhatItDoesNotKnowWithoutLookingFurther() {
    assertThat(tokens.inMemory(null)).isNull();
    assertThat(tokens.inMemory("sk_shard_000000000000_nothing")).isNull();
    assertThat(tokens.inMemory("not a token")).isNull();
  }

  @Test
  void onlyTheHashIsStored() {
    IssuedToken t = tokens.create(TokenSpec.shard(null));
    String stored = db.read(s -> {
      try (ResultSet rs = s.query("SELECT hash FROM tokens WHERE id = ?", t.info().id())) {
        rs.next();
        return rs.getString(1);
      }
    });
    assertThat(stored).hasSize(64).doesNotContain(t.token()).isEqualTo(Hashing.sha256Hex(t.token()));
  }

  @Test
  void unknownMalformedAndTamperedTokensAreRefused() {
    IssuedToken t = tokens.create(TokenSpec.shard(null));
    assertThat(tokens.authenticate(null)).isEmpty();
    assertThat(tokens.authenticate("")).isEmpty();
    assertThat(tokens.authenticate("Bearer x")).isEmpty();
    assertThat(tokens.authenticate(t.token() + "x")).isEmpty();
    String token = t.token();
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(tokens.authenticate(tampered)).isEmpty();
    assertThat(tokens.authenticate("sk_" + "a".repeat(500))).isEmpty();
  }

  @Test
  void aRevokedTokenStopsWorkingAndRevokingTwiceIsANoOp() {
    IssuedToken t = tokens.create(TokenSpec.shard(null));
    assertThat(tokens.revoke(t.info().id(), true)).isPresent();
    assertThat(tokens.authenticate(t.token())).isEmpty();
    assertThat(tokens.revoke(t.info().id(), true)).isEmpty();
    assertThat(tokens.list()).singleElement().satisfies(i -> assertThat(i.revoked()).isTrue());
    assertThatThrownBy(() -> tokens.revoke("nope", true))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(CoreException.Status.NOT_FOUND));
  }

  @Test
  void anotherProcessesChangesAreSeen() throws Exception {
    // A second connection on the same file plays the CLI.
    try (Database other = Database.open(dir.resolve("sidekick.db"), Schema.MIGRATIONS)) {
      TokenService cli = new TokenService(other, Clock.systemUTC());
      java.util.List<String> revoked = new java.util.ArrayList<>();
      tokens.onRevokedElsewhere(i -> revoked.add(i.id()));
      IssuedToken made = cli.create(TokenSpec.shard("from cli"));
      Thread.sleep(TokenService.MISS_RECHECK_NANOS / 1_000_000 + 10);
      assertThat(tokens.authenticate(made.token())).isPresent(); // a miss looks for changes
      cli.revoke(made.info().id(), false);
      assertThat(tokens.authenticate(made.token())).isPresent(); // cached until the next check
      assertThat(tokens.checkForChanges()).isTrue();
      assertThat(revoked).containsExactly(made.info().id());
      assertThat(tokens.authenticate(made.token())).isEmpty();
      assertThat(tokens.checkForChanges()).isFalse();
      assertThat(tokens.unannounced()).hasSize(1);
      assertThat(tokens.claimAnnouncement(made.info().id())).isTrue();
      assertThat(cli.claimAnnouncement(made.info().id())).isFalse();
      assertThat(tokens.unannounced()).isEmpty();
    }
  }

  @Test
  void appTokensNeedAUserAndAChannel() {
    assertThatThrownBy(() -> tokens.create(new TokenSpec(TokenKind.APP, null, "c1", false, null)))
        .isInstanceOf(CoreException.class);
  }

  @Test
  void managingAppsAreIndexedByChannelAndUser() {
    IssuedToken a = tokens.create(TokenSpec.app("u1", "c1", true, null));
    tokens.create(TokenSpec.app("u1", "c1", false, null));
    tokens.create(TokenSpec.app("u1", "c2", true, null));
    assertThat(tokens.managingApps("c1", "u1")).containsExactly(a.info().id());
    tokens.revoke(a.info().id(), true);
    assertThat(tokens.managingApps("c1", "u1")).isEmpty();
    assertThat(tokens.activeAppTokens("c1", "u1")).hasSize(1);
  }

  @Test
  void theAdminTokenFileIsWrittenOnceWithMode0600() throws Exception {
    assertThat(AdminTokenFile.ensure(dir, tokens)).isTrue();
    Path file = dir.resolve(AdminTokenFile.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String token = Files.readString(file).strip();
    assertThat(tokens.authenticate(token)).map(Principal::kind).contains(TokenKind.ADMIN);
    assertThat(AdminTokenFile.ensure(dir, tokens)).isFalse();
    assertThat(Files.readString(file).strip()).isEqualTo(token);
  }

  @Test
  void bindCodesWorkOnceAndExpire() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T19:00:00Z"));
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    BindCodes codes = new BindCodes(db, clock);
    String code = codes.issue("c1", "u1", true, Duration.ofMinutes(10));
    assertThat(code).matches("[A-Z]{4}-[0-9]{4}");
    assertThat(codes.redeem(code.toLowerCase())).contains(new BindCodes.Grant("c1", "u1", true));
    assertThat(codes.redeem(code)).isEmpty();

    String late = codes.issue("c1", "u2", false, Duration.ofMinutes(10));
    now.set(now.get().plus(Duration.ofMinutes(10)).plusSeconds(1));
    assertThat(codes.redeem(late)).isEmpty();
    assertThat(codes.redeem("AAAA-0000")).isEmpty();
    assertThat(codes.redeem(null)).isEmpty();
  }
}
