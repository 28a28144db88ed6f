package sidekick.bot.fakediscord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A guild of the fake: one text channel, the @everyone role (read and send), a "Game Master" role
 * with Manage Channels and an "Admin" role with Administrator.
 */
public final class FakeGuild {
  /** VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | ADD_REACTIONS | USE_APPLICATION_COMMANDS. */
  static final long EVERYONE_PERMISSIONS = (1L << 10) | (1L << 11) | (1L << 16) | (1L << 6) | (1L << 31);
  static final long MANAGE_CHANNELS = 1L << 4;
  static final long ADMINISTRATOR = 1L << 3;

  /** What a member may be given. */
  public enum Role {
    GAME_MASTER,
    ADMIN
  }

  private final long id;
  private final String name;
  private final long channelId;
  private final long ownerId;
  private final Map<Long, List<Role>> memberRoles = new ConcurrentHashMap<>();

  FakeGuild(long id, String name, long channelId, long ownerId) {
    this.id = id;
    this.name = name;
    this.channelId = channelId;
    this.ownerId = ownerId;
  }

  public long id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** The guild's text channel. */
  public long channelId() {
    return channelId;
  }

  long ownerId() {
    return ownerId;
  }

  /** Gives a member roles in this guild (members without roles have only @everyone). */
  public FakeGuild grant(FakeUser user, Role... roles) {
    memberRoles.put(user.id(), List.of(roles));
    return this;
  }

  List<Role> roles(long userId) {
    return memberRoles.getOrDefault(userId, List.of());
  }

  long roleId(Role role) {
    return id + 1 + role.ordinal();
  }

  static long permissions(Role role) {
    return role == Role.ADMIN ? ADMINISTRATOR : MANAGE_CHANNELS;
  }

  /** The permissions a member has in the channel (no channel overrides in the fake). */
  long permissionsOf(long userId) {
    long p = EVERYONE_PERMISSIONS;
    for (Role r : roles(userId)) p |= permissions(r);
    if ((p & ADMINISTRATOR) != 0 || userId == ownerId) p = -1L >>> 1;
    return p;
  }

  /** Which of {@code shardsTotal} shards gets this guild (Discord's rule). */
  public int shardOf(int shardsTotal) {
    return (int) ((id >> 22) % shardsTotal);
  }
}
