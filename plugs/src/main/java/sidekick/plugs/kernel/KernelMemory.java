package sidekick.plugs.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import sidekick.plugs.FaultKind;

/**
 * The Extism kernel's memory, kept on the Java side: blocks a plug allocates with {@code alloc}
 * and reads and writes with {@code load_*} / {@code store_*}. One arena per plug instance, reset
 * after every call. It is bounded by the host blocks' share of the plug's memory cap ({@link
 * sidekick.plugs.PlugLimits#maxHostBlockBytes()}); linear memory gets the rest, so the two
 * together never pass the cap.
 */
public final class KernelMemory {
  /** Offset of the first block; 0 stays the null offset. */
  static final int FIRST_OFFSET = 8;
  private static final int INITIAL_ARENA = 4096;
  /** An arena grown past this is dropped at reset, so an idle pooled instance stays small. */
  private static final int KEEP_ARENA_BYTES = 1 << 20;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final long capBytes;
  private byte[] arena = new byte[INITIAL_ARENA];
  private int top = FIRST_OFFSET;
  private final Map<Long, Integer> live = new HashMap<>();
  private final TreeMap<Integer, ArrayDeque<Long>> freeBySize = new TreeMap<>();

  /** @param capBytes the most the arena may hold */
  public KernelMemory(long capBytes) {
    this.capBytes = capBytes;
  }

  /** Bytes the arena holds (what counts against the cap). */
  public long arenaBytes() {
    return arena.length;
  }

  public long alloc(long size) {
    if (size < 0 || size > Integer.MAX_VALUE - FIRST_OFFSET) {
      throw new PlugFault(FaultKind.MEMORY, "alloc of " + size + " bytes");
    }
    if (size == 0) return 0;
    int n = (int) size;
    var reusable = freeBySize.ceilingEntry(n);
    if (reusable != null && reusable.getKey() <= 2L * n) {
      long offset = reusable.getValue().pop();
      if (reusable.getValue().isEmpty()) freeBySize.remove(reusable.getKey());
      live.put(offset, n);
      return offset;
    }
    ensureCapacity((long) top + n);
    long offset = top;
    top += n;
    live.put(offset, n);
    return offset;
  }

  private void ensureCapacity(long needed) {
    if (needed <= arena.length) return;
    long room = capBytes;
    if (needed > room || needed > Integer.MAX_VALUE - 16) {
      throw new PlugFault(
          FaultKind.MEMORY,
          "host memory for the plug's blocks would pass their cap of " + capBytes + " bytes");
    }
    long grown = Math.max(needed, Math.min((long) arena.length * 2, room));
    byte[] bigger = new byte[(int) grown];
    System.arraycopy(arena, 0, bigger, 0, top);
    arena = bigger;
  }

  public void free(long offset) {
    Integer len = live.remove(offset);
    if (len != null) freeBySize.computeIfAbsent(len, k -> new ArrayDeque<>()).push(offset);
  }

  /** Length of the block at {@code offset}, 0 when no block starts there. */
  public long length(long offset) {
    Integer len = live.get(offset);
    return len == null ? 0 : len;
  }

  public int loadU8(long offset) {
    check(offset, 1);
    return arena[(int) offset] & 0xff;
  }

  public long loadU64(long offset) {
    check(offset, 8);
    return (long) LONG_LE.get(arena, (int) offset);
  }

  public void storeU8(long offset, int value) {
    check(offset, 1);
    arena[(int) offset] = (byte) value;
  }

  public void storeU64(long offset, long value) {
    check(offset, 8);
    LONG_LE.set(arena, (int) offset, value);
  }

  /** Copies {@code len} bytes out of the arena. */
  public byte[] read(long offset, long len) {
    if (len < 0 || len > Integer.MAX_VALUE) throw outOfBounds(offset);
    check(offset, (int) len);
    byte[] out = new byte[(int) len];
    System.arraycopy(arena, (int) offset, out, 0, (int) len);
    return out;
  }

  /** The whole block starting at {@code offset}. */
  public byte[] readBlock(long offset) {
    Integer len = live.get(offset);
    if (len == null) throw new PlugFault(FaultKind.TRAP, "no memory block at offset " + offset);
    return read(offset, len);
  }

  /** Allocates a block holding {@code bytes}; returns its offset. */
  public long write(byte[] bytes) {
    long offset = alloc(bytes.length);
    if (bytes.length > 0) System.arraycopy(bytes, 0, arena, (int) offset, bytes.length);
    return offset;
  }

  /** Forgets every block (after a call). */
  public void reset() {
    live.clear();
    freeBySize.clear();
    top = FIRST_OFFSET;
    if (arena.length > KEEP_ARENA_BYTES) arena = new byte[INITIAL_ARENA];
  }

  private void check(long offset, int len) {
    if (offset < FIRST_OFFSET || offset + len > top) throw outOfBounds(offset);
  }

  private static PlugFault outOfBounds(long offset) {
    return new PlugFault(FaultKind.TRAP, "kernel memory access out of bounds at " + offset);
  }
}
