package dev.oncell.plugins.security.deps;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code [[package]]} tables of {@code poetry.lock} (PyPI) and {@code Cargo.lock} (crates.io),
 * read line by line: each table's {@code name = "..."} and {@code version = "..."}. Cargo packages
 * without a {@code source} (the workspace's own crates) or from a source other than a registry
 * (git, path) are left out; so are Poetry packages whose {@code [package.source]} is git, a URL, a
 * file or a folder.
 */
final class TomlPackagesParser implements LockfileParser {

  private final String fileName;
  private final Ecosystem ecosystem;

  private TomlPackagesParser(String fileName, Ecosystem ecosystem) {
    this.fileName = fileName;
    this.ecosystem = ecosystem;
  }

  static TomlPackagesParser poetry() {
    return new TomlPackagesParser("poetry.lock", Ecosystem.PYPI);
  }

  static TomlPackagesParser cargo() {
    return new TomlPackagesParser("Cargo.lock", Ecosystem.CRATES_IO);
  }

  @Override
  public boolean accepts(String name) {
    return name.equals(fileName);
  }

  @Override
  public ParsedFile parse(String path, String text) {
    List<Dependency> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    Table table = null;
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? YarnLockParser.stripCr(lines[i]).strip() : "[[end]]";
      if (line.startsWith("[")) {
        boolean subTable = line.startsWith("[package.");
        if (!subTable && table != null) {
          table.emit(ecosystem, path, out);
          table = null;
        }
        if (line.equals("[[package]]")) {
          table = new Table(i + 1);
        } else if (table != null && subTable) {
          table.inSource = line.equals("[package.source]");
        }
        continue;
      }
      if (table == null) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = YarnLockParser.unquote(line.substring(eq + 1).strip());
      if (table.inSource) {
        if (key.equals("type")) {
          table.foreignSource = !value.equals("legacy"); // Poetry: an alternative index is fine
        }
      } else {
        switch (key) {
          case "name" -> table.name = value;
          case "version" -> table.version = value;
          case "source" -> table.source = value;
          default -> {}
        }
      }
    }
    return ParsedFile.of(out, List.of());
  }

  /** One {@code [[package]]} table being read. */
  private static final class Table {
    final int line;
    String name;
    String version;
    String source;
    boolean inSource;
    boolean foreignSource;

    Table(int line) {
      this.line = line;
    }

    void emit(Ecosystem ecosystem, String path, List<Dependency> out) {
      if (name == null || version == null || name.isEmpty() || foreignSource) {
        return;
      }
      if (ecosystem == Ecosystem.CRATES_IO && (source == null || !source.startsWith("registry+"))) {
        return;
      }
      if (ecosystem.order().isValid(version)) {
        out.add(new Dependency(ecosystem, name, version, path, line));
      }
    }
  }
}
