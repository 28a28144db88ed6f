package sidekick.bot.discord;

import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/** The right to manage a channel's plugs: Manage Channels or Administrator (which implies it). */
final class Permissions {
  private Permissions() {}

  static boolean canManagePlugs(Member member, GuildChannel channel) {
    if (member == null) return false;
    try {
      return channel != null
          ? member.hasPermission(channel, Permission.MANAGE_CHANNEL)
          : member.hasPermission(Permission.MANAGE_CHANNEL);
    } catch (RuntimeException e) {
      // A member or channel JDA cannot resolve fully: no right rather than a crash.
      return false;
    }
  }
}
