package sidekick.bot.fakediscord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Builds the Discord JSON objects the fake sends, with the fields JDA reads. */
final class Payloads {
  static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  static ObjectNode user(FakeUser u) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", Long.toString(u.id()));
    n.put("username", u.name());
    n.put("global_name", u.name());
    n.put("discriminator", "0");
    n.putNull("avatar");
    n.put("bot", u.bot());
    n.put("public_flags", 0);
    return n;
  }

  static ObjectNode member(FakeGuild g, FakeUser u, boolean withUser) {
    ObjectNode n = JSON.createObjectNode();
    if (withUser) n.set("user", user(u));
    ArrayNode roles = n.putArray("roles");
    for (FakeGuild.Role r : g.roles(u.id())) roles.add(Long.toString(g.roleId(r)));
    n.putNull("nick");
    n.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
    n.put("deaf", false);
    n.put("mute", false);
    n.put("flags", 0);
    n.put("pending", false);
    return n;
  }

  static ObjectNode role(long id, String name, long permissions, int position) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", Long.toString(id));
    n.put("name", name);
    n.put("permissions", Long.toString(permissions));
    n.put("position", position);
    n.put("color", 0);
    n.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
    n.put("hoist", false);
    n.put("managed", false);
    n.put("mentionable", false);
    n.put("flags", 0);
    return n;
  }

  static ObjectNode textChannel(FakeGuild g) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", Long.toString(g.channelId()));
    n.put("type", 0);
    n.put("guild_id", Long.toString(g.id()));
    n.put("name", "dice");
    n.put("position", 0);
    n.putArray("permission_overwrites");
    n.put("nsfw", false);
    n.putNull("parent_id");
    n.put("rate_limit_per_user", 0);
    n.putNull("topic");
    n.putNull("last_message_id");
    return n;
  }

  static ObjectNode guildCreate(FakeGuild g, FakeUser self) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", Long.toString(g.id()));
    n.put("name", g.name());
    n.putNull("icon");
    n.put("owner_id", Long.toString(g.ownerId()));
    n.put("unavailable", false);
    n.put("member_count", 2);
    n.put("large", false);
    n.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
    n.put("preferred_locale", "en-US");
    n.put("premium_progress_bar_enabled", false);
    n.put("afk_timeout", 300);
    n.put("verification_level", 0);
    n.put("default_message_notifications", 0);
    n.put("explicit_content_filter", 0);
    n.put("mfa_level", 0);
    n.put("nsfw_level", 0);
    n.put("premium_tier", 0);
    n.put("system_channel_flags", 0);
    ArrayNode roles = n.putArray("roles");
    roles.add(role(g.id(), "@everyone", FakeGuild.EVERYONE_PERMISSIONS, 0));
    for (FakeGuild.Role r : FakeGuild.Role.values()) {
      roles.add(role(g.roleId(r), r.name(), FakeGuild.permissions(r), 1 + r.ordinal()));
    }
    n.putArray("channels").add(textChannel(g));
    n.putArray("members").add(member(g, self, true));
    for (String empty :
        new String[] {"threads", "guild_scheduled_events", "emojis", "voice_states", "stickers", "features",
          "presences", "stage_instances", "soundboard_sounds"}) {
      n.putArray(empty);
    }
    return n;
  }

  static ObjectNode attachment(FakeAttachment a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", Long.toString(a.id()));
    n.put("filename", a.name());
    n.put("size", a.bytes().length);
    n.put("url", a.url());
    n.put("proxy_url", a.url());
    n.put("content_type", "application/wasm");
    return n;
  }

  static ObjectNode message(long id, FakeGuild g, FakeUser author, String content, Iterable<FakeAttachment> files) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", Long.toString(id));
    n.put("channel_id", Long.toString(g.channelId()));
    n.put("guild_id", Long.toString(g.id()));
    n.set("author", user(author));
    n.set("member", member(g, author, false));
    n.put("content", content);
    n.put("timestamp", Instant.now().toString());
    n.putNull("edited_timestamp");
    n.put("tts", false);
    n.put("mention_everyone", false);
    n.putArray("mentions");
    n.putArray("mention_roles");
    ArrayNode att = n.putArray("attachments");
    if (files != null) for (FakeAttachment a : files) att.add(attachment(a));
    n.putArray("embeds");
    n.putArray("components");
    n.put("pinned", false);
    n.put("type", 0);
    n.put("flags", 0);
    return n;
  }

  static ObjectNode dispatch(String type, int seq, ObjectNode data) {
    ObjectNode n = JSON.createObjectNode();
    n.put("op", 0);
    n.put("s", seq);
    n.put("t", type);
    n.set("d", data);
    return n;
  }

  static ObjectNode op(int op, ObjectNode data) {
    ObjectNode n = JSON.createObjectNode();
    n.put("op", op);
    if (data == null) n.putNull("d");
    else n.set("d", data);
    n.putNull("s");
    n.putNull("t");
    return n;
  }
}
