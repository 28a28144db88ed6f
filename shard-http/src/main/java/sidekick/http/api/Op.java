package sidekick.http.api;

import java.util.HashMap;
import java.util.Map;

/**
 * The operations of the API, shared by HTTP routes and WebSocket events (docs/protocol.md). Each says
 * its WebSocket event name, the HTTP status of success, whether it needs a token, whether it changes
 * state (and so honours an idempotency key), and under which field a WebSocket answer carries a list.
 */
public enum Op {
  COMMAND("command", 200, true, true, null),
  PLUG_PUT("plug.put", 201, true, true, null),
  PLUG_LIST("plug.list", 200, true, false, "plugs"),
  PLUG_RM("plug.rm", 204, true, true, null),
  EVENTS("events", 200, true, false, null),
  STATS("stats", 200, true, false, null),
  STORE_STATS("store.stats", 200, true, false, null),
  SHARD_STATUS("shard.status", 204, true, true, null),
  SHARDS("shards", 200, true, false, "shards"),
  WHOAMI("whoami", 200, true, false, null),
  APPS_BIND("apps.bind", 200, false, true, null),
  PING("ping", 200, true, false, null);

  private static final Map<String, Op> BY_NAME = new HashMap<>();

  static {
    for (Op op : values()) BY_NAME.put(op.wireName, op);
  }

  private final String wireName;
  private final int successStatus;
  private final boolean needsToken;
  private final boolean mutating;
  private final String listField;

  Op(String wireName, int successStatus, boolean needsToken, boolean mutating, String listField) {
    this.wireName = wireName;
    this.successStatus = successStatus;
    this.needsToken = needsToken;
    this.mutating = mutating;
    this.listField = listField;
  }

  /** The WebSocket event name, also the route label in /metrics. */
  public String wireName() {
    return wireName;
  }

  public int successStatus() {
    return successStatus;
  }

  public boolean needsToken() {
    return needsToken;
  }

  public boolean mutating() {
    return mutating;
  }

  /** For operations answering a JSON array over HTTP: the field holding it in a WebSocket answer. */
  public String listField() {
    return listField;
  }

  /** The operation of a WebSocket event name, or null. */
  public static Op byWireName(String name) {
    return BY_NAME.get(name);
  }
}
