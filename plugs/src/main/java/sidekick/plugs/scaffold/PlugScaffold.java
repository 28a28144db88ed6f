package sidekick.plugs.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a new, ready-to-build plug project ({@code sidekick plug new}): the source, a build
 * script or npm manifest, a test input and a README, from templates in this module's resources.
 */
public final class PlugScaffold {
  /** Plug names: they end up in file names, JSON strings and a command, so keep them plain. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  /** The languages a plug can be scaffolded in. */
  public enum Lang {
    C(List.of("__NAME__.c", "sidekick_pdk.h", "build.sh"), "./build.sh"),
    ASSEMBLYSCRIPT(List.of("package.json", "assembly/index.ts", "gitignore"), "npm install && npm run build"),
    WAT(List.of("__NAME__.wat", "build.sh"), "./build.sh");

    final List<String> files;
    final String build;

    Lang(List<String> files, String build) {
      this.files = files;
      this.build = build;
    }

    String dir() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private PlugScaffold() {}

  /**
   * Creates {@code parent/name/} with the project; refuses to touch an existing directory.
   *
   * @return the files written
   * @throws IllegalArgumentException for a bad name or an existing target
   */
  public static List<Path> create(Path parent, String name, Lang lang) throws IOException {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a plug name is 1 to 32 of a-z, 0-9, _ and -, starting with a letter: " + name);
    }
    Path dir = parent.resolve(name);
    if (Files.exists(dir)) throw new IllegalArgumentException(dir + " already exists");
    Map<String, String> vars = variables(name);
    List<Path> written = new ArrayList<>();
    for (String template : lang.files) {
      String text = fill(read(lang.dir() + "/" + template), vars);
      String target = template.equals("gitignore") ? ".gitignore" : template.replace("__NAME__", name);
      written.add(write(dir.resolve(target), text, template.endsWith(".sh")));
    }
    written.add(write(dir.resolve("test-input.json"), testInput(name), false));
    written.add(write(dir.resolve("README.md"), readme(name, lang), false));
    return written;
  }

  static Map<String, String> variables(String name) {
    String reply = "{\"action\":\"reply\",\"text\":\"" + name + " was called\"}";
    return Map.of(
        "__NAME_LEN__", Integer.toString(name.length()),
        "__NEEDLE_LEN__", Integer.toString(("\"text\":\"/" + name).length()),
        "__REPLY_LEN__", Integer.toString(reply.getBytes(StandardCharsets.UTF_8).length),
        "__NAME__", name);
  }

  private static String fill(String text, Map<String, String> vars) {
    // longer keys first: __NAME_LEN__ before __NAME__
    for (String key : List.of("__NAME_LEN__", "__NEEDLE_LEN__", "__REPLY_LEN__", "__NAME__")) {
      text = text.replace(key, vars.get(key));
    }
    return text;
  }

  private static String read(String resource) {
    try (InputStream in = PlugScaffold.class.getResourceAsStream("/sidekick/plugs/templates/" + resource)) {
      if (in == null) throw new IllegalStateException("missing template " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(Path file, String text, boolean executable) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    if (executable) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: run it with bash
      }
    }
    return file;
  }

  static String testInput(String name) {
    return "{\n  \"v\": 1,\n  \"text\": \"/" + name + " hello\",\n"
        + "  \"segments\": [{\"text\": \"/" + name + " hello\", \"final\": false}],\n"
        + "  \"channel\": \"local\",\n  \"server\": \"local\",\n  \"user\": \"u1\",\n  \"userName\": \"Grog\"\n}\n";
  }

  private static String readme(String name, Lang lang) {
    return "# " + name + "\n\n"
        + "A Sidekick plug (" + lang.dir() + "). See the plug authors' guide, docs/plugs.md.\n\n"
        + "Build it:\n\n    " + lang.build + "\n\n"
        + "Try it on the test input, or on any command text:\n\n"
        + "    sidekick plug run " + name + ".wasm --input test-input.json\n"
        + "    sidekick plug run " + name + ".wasm --text \"/" + name + " hello\"\n\n"
        + "Upload it into a channel (a channel manager's token):\n\n"
        + "    curl -X PUT -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/wasm' \\\n"
        + "      --data-binary @" + name + ".wasm http://127.0.0.1:8080/v1/channels/CHANNEL/plugs/" + name + "\n";
  }
}
