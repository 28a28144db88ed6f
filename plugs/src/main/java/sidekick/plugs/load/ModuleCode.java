package sidekick.plugs.load;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * How a module's functions run, which can change once: a freshly uploaded module first runs in
 * Chicory's interpreter (under the instruction-counting listener that keeps the time limit) while
 * the compiler works in the background, then switches to the compiled code. Instances record the
 * generation they were built with; the pools drop older ones, so calls in flight finish on the
 * interpreter and later calls run compiled, with no failed call.
 */
public final class ModuleCode {
  /** The machine factory and whether any function is interpreted, swapped as one. */
  public record Machines(Function<Instance, Machine> factory, boolean interpreted, int generation) {}

  private volatile Machines current;
  private final CompletableFuture<Void> compiled = new CompletableFuture<>();

  private ModuleCode(Machines first) {
    this.current = first;
  }

  /** Code that is ready: compiled (or compiled with some functions interpreted). */
  static ModuleCode compiled(Function<Instance, Machine> factory, boolean interpreted) {
    ModuleCode c = new ModuleCode(new Machines(factory, interpreted, 0));
    c.compiled.complete(null);
    return c;
  }

  /** Interpreter only, until {@link #upgrade} (or for good when compiling fails). */
  static ModuleCode interpreting() {
    return new ModuleCode(new Machines(InterpreterMachine::new, true, 0));
  }

  public Machines current() {
    return current;
  }

  /** Whether an instance built with {@code generation} is out of date. */
  public boolean stale(int generation) {
    return current.generation() != generation;
  }

  /** Switches to the compiled code: instances built from now on use it. */
  void upgrade(Function<Instance, Machine> factory, boolean interpreted) {
    current = new Machines(factory, interpreted, current.generation() + 1);
    compiled.complete(null);
  }

  /** Compiling failed: the module stays on the interpreter (still under the time limit). */
  void compileFailed(Throwable why) {
    compiled.completeExceptionally(why);
  }

  /** Completes when the compiled code is in use (at once for a module compiled at upload). */
  public CompletableFuture<Void> compiledFuture() {
    return compiled;
  }
}
