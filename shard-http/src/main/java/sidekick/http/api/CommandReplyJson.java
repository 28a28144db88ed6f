package sidekick.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import sidekick.core.CommandReply;
import sidekick.core.RollResult;

/**
 * A command's HTTP answer ({@code {"reply","rolls","micros"}}) as UTF-8 bytes, written by Jackson's
 * streaming generator: the same bytes as the answer's tree ({@link Api#commandReplyJson}, which
 * CommandReplyJsonTest compares), without building the tree.
 *
 * <p>It is the JSON written on the event loop for every command, and setting up a generator (its I/O
 * context, buffer recycler, output buffer and pooled target) cost more than writing the answer's few
 * fields. So each thread keeps one generator and writes its answers as a sequence of root values with
 * no separator between them into a byte builder emptied after each answer; the field names are encoded
 * once. The answer is a heap array: Netty's HTTP encoder copies a body this small into the buffer it
 * writes the headers into, so a pooled buffer of its own would only be allocated and freed.
 */
public final class CommandReplyJson {
  private static final SerializableString REPLY = new SerializedString("reply");
  private static final SerializableString ROLLS = new SerializedString("rolls");
  private static final SerializableString EXPR = new SerializedString("expr");
  private static final SerializableString TOTAL = new SerializedString("total");
  private static final SerializableString TEXT = new SerializedString("text");
  private static final SerializableString MICROS = new SerializedString("micros");
  private static final SerializableString EPHEMERAL = new SerializedString("ephemeral");
  /** One writer per thread: a generator is not thread-safe, and it is reused across answers. */
  private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);

  private CommandReplyJson() {}

  /** The answer's JSON. */
  public static byte[] bytes(CommandReply r) {
    Writer writer = WRITERS.get();
    try {
      return writer.answer(r);
    } catch (IOException | RuntimeException e) {
      // the generator may be left inside an object: the thread's next answer starts a new one
      WRITERS.remove();
      throw new IllegalStateException("cannot write a command reply", e);
    }
  }

  /** A thread's generator and the bytes it writes to. */
  private static final class Writer {
    private final ByteArrayBuilder out = new ByteArrayBuilder(256);
    private final JsonGenerator g;

    Writer() {
      try {
        g = Json.MAPPER.getFactory().createGenerator(out);
      } catch (IOException e) {
        throw new IllegalStateException("cannot make a JSON generator", e); // a byte builder never fails
      }
      g.setRootValueSeparator(null); // answers follow each other in the builder; each is taken out whole
    }

    byte[] answer(CommandReply r) throws IOException {
      out.reset(); // empty even if the last answer failed half-way
      write(r, g);
      g.flush();
      byte[] bytes = out.toByteArray();
      out.reset();
      return bytes;
    }
  }

  /** The answer's members in the tree's order; numbers as the tree holds them. */
  static void write(CommandReply r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeFieldName(REPLY);
    if (!r.isCommand()) {
      g.writeNull();
      g.writeEndObject();
      return;
    }
    g.writeString(r.reply());
    g.writeFieldName(ROLLS);
    g.writeStartArray();
    for (RollResult roll : r.rolls()) {
      g.writeStartObject();
      g.writeFieldName(EXPR);
      g.writeString(roll.expr());
      g.writeFieldName(TOTAL);
      writeNumber(g, roll.total());
      g.writeFieldName(TEXT);
      g.writeString(roll.text());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName(MICROS);
    g.writeNumber(r.micros());
    if (r.ephemeral()) {
      g.writeFieldName(EPHEMERAL);
      g.writeBoolean(true);
    }
    g.writeEndObject();
  }

  /** As {@link Api#commandReplyJson} puts it: decimals as doubles, BigDecimal as is, the rest as longs. */
  private static void writeNumber(JsonGenerator g, Number n) throws IOException {
    if (n == null) g.writeNull();
    else if (n instanceof Double || n instanceof Float) g.writeNumber(n.doubleValue());
    else if (n instanceof BigDecimal d) g.writeNumber(d);
    else g.writeNumber(n.longValue());
  }
}
