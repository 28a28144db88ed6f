package sidekick.plugs.exec;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.wasi.WasiExitException;
import sidekick.plugs.FaultKind;
import sidekick.plugs.PlugHost.PlugCallContext;
import sidekick.plugs.kernel.PlugFault;

/**
 * One plug call under the watchdog on the calling thread: takes an instance from the pool
 * (instantiating if needed, also under the limit), sets the input, calls the export, and turns
 * whatever happened into a {@link CallResult} with the fault kind. The instance goes back to the
 * pool only after a healthy call.
 */
public final class GuardedCall {
  private GuardedCall() {}

  public static CallResult run(
      Watchdog.Slot slot,
      long timeoutNanos,
      long instantiateNanos,
      Runnable onAbandon,
      InstancePool pool,
      String export,
      byte[] input,
      PlugCallContext context) {
    long start = System.nanoTime();
    PlugInstance inst = pool.poll();
    if (inst == null) {
      slot.begin(instantiateNanos, onAbandon);
      CallResult failed = null;
      try {
        inst = pool.create();
      } catch (Throwable t) {
        failed = classify(t, null);
      }
      boolean timedOut = slot.end();
      long nanos = System.nanoTime() - start;
      if (timedOut) {
        return CallResult.fault(FaultKind.TIMEOUT, "instantiation stopped after " + instantiateNanos / 1_000_000 + " ms", nanos);
      }
      if (failed != null) {
        return new CallResult(failed.rc(), null, null, failed.fault(), "instantiation: " + failed.faultMessage(), nanos);
      }
      if (slot.abandoned()) return CallResult.fault(FaultKind.TIMEOUT, "abandoned", nanos);
      start = System.nanoTime();
    }
    CallResult result;
    slot.begin(timeoutNanos, onAbandon);
    try {
      inst.session().call().begin(context, input);
      int rc = inst.call(export);
      var call = inst.session().call();
      result = new CallResult(rc, call.output(), call.error(), rc == 0 ? null : FaultKind.PLUG_ERROR,
          rc == 0 ? null : errorMessage(rc, call.error()), 0);
    } catch (Throwable t) {
      result = classify(t, inst);
    }
    boolean timedOut = slot.end();
    long nanos = System.nanoTime() - start;
    if (timedOut) {
      result = CallResult.fault(FaultKind.TIMEOUT, "stopped after " + timeoutNanos / 1_000_000 + " ms", nanos);
    } else {
      result = new CallResult(result.rc(), result.output(), result.error(), result.fault(), result.faultMessage(), nanos);
    }
    inst.session().endCall();
    boolean healthy = result.fault() == null || result.fault() == FaultKind.PLUG_ERROR;
    if (healthy && !slot.abandoned()) pool.release(inst);
    return result;
  }

  private static String errorMessage(int rc, String error) {
    return error == null ? "plug returned " + rc : error;
  }

  static CallResult classify(Throwable t, PlugInstance inst) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof PlugFault f) return CallResult.fault(f.kind(), f.getMessage(), 0);
      if (c instanceof ChicoryInterruptedException) return CallResult.fault(FaultKind.TIMEOUT, "interrupted", 0);
      if (c instanceof ExecutionCompletedException) return ok(inst);
      if (c instanceof WasiExitException e) {
        if (e.exitCode() == 0) return ok(inst);
        return new CallResult(e.exitCode(), null, null, FaultKind.PLUG_ERROR, "proc_exit(" + e.exitCode() + ")", 0);
      }
      if (c == c.getCause()) break;
    }
    if (t instanceof OutOfMemoryError) return CallResult.fault(FaultKind.MEMORY, "host out of memory", 0);
    if (inst != null && inst.memoryAtCap()) {
      return CallResult.fault(FaultKind.MEMORY, "memory cap reached: " + t.getMessage(), 0);
    }
    if (t instanceof StackOverflowError) return CallResult.fault(FaultKind.TRAP, "call stack exhausted", 0);
    if (t instanceof Error && !(t instanceof StackOverflowError) && !(t instanceof OutOfMemoryError)
        && !(t instanceof LinkageError)) {
      // the plug's trap surfaced as some other Error; still the plug's fault
      return CallResult.fault(FaultKind.TRAP, String.valueOf(t), 0);
    }
    return CallResult.fault(FaultKind.TRAP, t.getMessage() == null ? t.toString() : t.getMessage(), 0);
  }

  private static CallResult ok(PlugInstance inst) {
    var call = inst == null ? null : inst.session().call();
    return new CallResult(0, call == null ? null : call.output(), null, null, null, 0);
  }

  /** Creates an instance ahead of calls, under the instantiate limit, and parks it in the pool. */
  public static CallResult warm(Watchdog.Slot slot, long instantiateNanos, Runnable onAbandon, InstancePool pool) {
    long start = System.nanoTime();
    PlugInstance inst = null;
    CallResult result = null;
    slot.begin(instantiateNanos, onAbandon);
    try {
      inst = pool.create();
    } catch (Throwable t) {
      result = classify(t, null);
    }
    boolean timedOut = slot.end();
    long nanos = System.nanoTime() - start;
    if (timedOut) return CallResult.fault(FaultKind.TIMEOUT, "instantiation stopped", nanos);
    if (result != null) return result;
    if (!slot.abandoned()) pool.release(inst);
    return new CallResult(0, null, null, null, null, nanos);
  }
}
