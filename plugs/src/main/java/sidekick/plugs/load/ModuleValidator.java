package sidekick.plugs.load;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.ExportSection;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.PlugRejectedException;
import sidekick.plugs.PlugRejectedException.Reason;

/**
 * Checks an upload before anything of it runs: size, magic, then a quick pass over the module's
 * declarations (imports, exports, memory, tables, function count: a module declaring 30,000 pages
 * is refused before its code is even parsed), then a full parse with validation.
 */
public final class ModuleValidator {
  /** Exports the runtime calls, all {@code () -> i32}. */
  public static final List<String> ABI_EXPORTS = List.of("handle", "describe", "before_reply", "after_reply");
  private static final FunctionType NO_ARGS_TO_I32 =
      FunctionType.of(new ValType[0], new ValType[] {ValType.I32});
  private static final byte[] MAGIC = {0, 'a', 's', 'm', 1, 0, 0, 0};

  private final PlugLimits limits;

  public ModuleValidator(PlugLimits limits) {
    this.limits = limits;
  }

  /** Only the size: cheap, done on the caller's thread so a 413 is immediate. */
  public void checkSize(byte[] bytes) throws PlugRejectedException {
    if (bytes.length > limits.maxModuleBytes()) {
      throw new PlugRejectedException(
          Reason.TOO_LARGE,
          "module of " + bytes.length + " bytes is over the limit of " + limits.maxModuleBytes() + " bytes");
    }
    if (bytes.length < MAGIC.length) throw notWasm();
    for (int i = 0; i < MAGIC.length; i++) if (bytes[i] != MAGIC[i]) throw notWasm();
  }

  private static PlugRejectedException notWasm() {
    return new PlugRejectedException(
        Reason.INVALID, "not a WebAssembly module (expected the \\0asm header, version 1)");
  }

  /** Everything; returns the fully parsed and validated module. */
  public WasmModule validate(byte[] bytes) throws PlugRejectedException {
    checkSize(bytes);
    Declarations declared = Declarations.scan(bytes);
    try {
      checkDeclarations(declared);
    } catch (RuntimeException e) {
      throw new PlugRejectedException(Reason.INVALID, "invalid module: " + e.getMessage());
    }
    try {
      return Parser.parse(bytes);
    } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new PlugRejectedException(Reason.INVALID, "invalid module: " + e.getMessage());
    }
  }

  /** The sections that declare what a module needs, read without parsing code or data. */
  record Declarations(TypeSection types, ImportSection imports, FunctionSection functions,
      TableSection tables, MemorySection memories, ExportSection exports) {
    static Declarations scan(byte[] bytes) throws PlugRejectedException {
      Section[] found = new Section[SectionId.DATA_COUNT + 1];
      Parser.Builder b = Parser.builder().withValidation(false);
      for (int id : new int[] {SectionId.TYPE, SectionId.IMPORT, SectionId.FUNCTION, SectionId.TABLE,
          SectionId.MEMORY, SectionId.EXPORT}) {
        b.includeSectionId(id);
      }
      try {
        b.build().parse(new ByteArrayInputStream(bytes), s -> {
          if (s.sectionId() > 0 && s.sectionId() < found.length) found[s.sectionId()] = s;
        });
      } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new PlugRejectedException(Reason.INVALID, "invalid module: " + e.getMessage());
      }
      return new Declarations(
          or((TypeSection) found[SectionId.TYPE], () -> TypeSection.builder().build()),
          or((ImportSection) found[SectionId.IMPORT], () -> ImportSection.builder().build()),
          or((FunctionSection) found[SectionId.FUNCTION], () -> FunctionSection.builder().build()),
          or((TableSection) found[SectionId.TABLE], () -> TableSection.builder().build()),
          or((MemorySection) found[SectionId.MEMORY], () -> MemorySection.builder().build()),
          or((ExportSection) found[SectionId.EXPORT], () -> ExportSection.builder().build()));
    }

    private static <T> T or(T value, java.util.function.Supplier<T> empty) {
      return value != null ? value : empty.get();
    }
  }

  private void checkDeclarations(Declarations m) throws PlugRejectedException {
    var imports = m.imports();
    int importedFunctions = 0;
    for (int i = 0; i < imports.importCount(); i++) {
      Import imp = imports.getImport(i);
      String what = imp.module() + "." + imp.name();
      if (imp.importType() != ExternalType.FUNCTION) {
        throw new PlugRejectedException(
            Reason.FORBIDDEN_IMPORT, "forbidden import " + what + " (only functions may be imported)");
      }
      FunctionType expected = AllowedImports.type(imp.module(), imp.name());
      if (expected == null) {
        throw new PlugRejectedException(Reason.FORBIDDEN_IMPORT, "forbidden import " + what);
      }
      FunctionType actual = m.types().getType(((FunctionImport) imp).typeIndex());
      if (!expected.typesMatch(actual)) {
        throw new PlugRejectedException(
            Reason.FORBIDDEN_IMPORT, "import " + what + " has type " + actual + ", expected " + expected);
      }
      importedFunctions++;
    }
    int functions = importedFunctions + m.functions().functionCount();
    if (functions > limits.maxFunctions()) {
      throw new PlugRejectedException(
          Reason.OVER_LIMIT, functions + " functions, over the limit of " + limits.maxFunctions());
    }
    var memories = m.memories();
    if (memories.memoryCount() > 1) {
      throw new PlugRejectedException(Reason.OVER_LIMIT, "more than one memory");
    }
    for (int i = 0; i < memories.memoryCount(); i++) {
      int initial = memories.getMemory(i).limits().initialPages();
      if (initial > limits.maxMemoryPages()) {
        throw new PlugRejectedException(
            Reason.OVER_LIMIT,
            "memory declares " + initial + " initial pages, over the cap of "
                + limits.maxMemoryPages() + " pages (" + limits.maxMemoryBytes() + " bytes)");
      }
    }
    var tables = m.tables();
    for (int i = 0; i < tables.tableCount(); i++) {
      long min = tables.getTable(i).limits().min();
      if (min > limits.maxTableElements()) {
        throw new PlugRejectedException(
            Reason.OVER_LIMIT, "table declares " + min + " elements, over the limit of " + limits.maxTableElements());
      }
    }
    checkExports(m, importedFunctions);
  }

  private static void checkExports(Declarations m, int importedFunctions) throws PlugRejectedException {
    boolean handle = false;
    var exports = m.exports();
    for (int i = 0; i < exports.exportCount(); i++) {
      Export e = exports.getExport(i);
      if (!ABI_EXPORTS.contains(e.name())) continue;
      if (e.exportType() != ExternalType.FUNCTION || !functionType(m, e.index(), importedFunctions).typesMatch(NO_ARGS_TO_I32)) {
        throw new PlugRejectedException(Reason.MISSING_EXPORT, "export " + e.name() + " must be a function () -> i32");
      }
      handle |= e.name().equals("handle");
    }
    if (!handle) {
      throw new PlugRejectedException(Reason.MISSING_EXPORT, "no export named handle (a function () -> i32)");
    }
  }

  private static FunctionType functionType(Declarations m, int index, int importedFunctions) {
    if (index < importedFunctions) {
      return m.types().getType(((FunctionImport) m.imports().getImport(index)).typeIndex());
    }
    return m.functions().getFunctionType(index - importedFunctions, m.types());
  }

  /** The ABI exports a module has. */
  public static Set<String> abiExports(WasmModule m) {
    var exports = m.exportSection();
    var found = new java.util.TreeSet<String>();
    for (int i = 0; i < exports.exportCount(); i++) {
      String name = exports.getExport(i).name();
      if (ABI_EXPORTS.contains(name)) found.add(name);
    }
    return Set.copyOf(found);
  }

  /** Whether the module exports a function with this name. */
  public static boolean exportsFunction(WasmModule m, String name) {
    var exports = m.exportSection();
    for (int i = 0; i < exports.exportCount(); i++) {
      Export e = exports.getExport(i);
      if (e.name().equals(name) && e.exportType() == ExternalType.FUNCTION) return true;
    }
    return false;
  }
}
