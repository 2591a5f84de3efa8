package dev.oncell.plugins.security.deps;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code package-lock.json} (and {@code npm-shrinkwrap.json}), versions 1 to 3, read as a stream so
 * that each package keeps the line it is on. Version 2 and 3 list packages by install path ({@code
 * node_modules/a/node_modules/@s/b}) and, for an alias, the real name in {@code name}; version 1
 * nests {@code dependencies}. A version 2 file has both: the {@code packages} map wins. Linked
 * workspace packages and versions that are not registry versions (git, file, URLs) are left out.
 */
final class PackageLockParser implements LockfileParser {

  /** Jackson's limits, tighter than its defaults: a lock file is shallow and its strings short. */
  static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(1 << 20)
                  .maxNameLength(1 << 16)
                  .build())
          .build();

  private static final int MAX_V1_DEPTH = 48;

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("package-lock.json") || fileName.equals("npm-shrinkwrap.json");
  }

  @Override
  public ParsedFile parse(String path, String text) {
    List<Dependency> packages = new ArrayList<>();
    List<Dependency> legacy = new ArrayList<>();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new LockfileException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("packages") && value == JsonToken.START_OBJECT) {
          readPackages(p, path, packages);
        } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT) {
          readDependencies(p, path, legacy, 0);
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new LockfileException("invalid JSON: " + firstLine(e.getMessage()), e);
    }
    return ParsedFile.of(packages.isEmpty() ? legacy : packages, List.of());
  }

  /** Version 2/3: {@code "node_modules/x": {"version": ..., "name"?: ..., "link"?: true}}. */
  private static void readPackages(JsonParser p, String path, List<Dependency> out)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String installPath = p.currentName();
      int line = p.currentTokenLocation().getLineNr();
      if (p.nextToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      String version = null;
      String name = null;
      boolean link = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "version" -> version = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "name" -> name = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "link" -> link = value == JsonToken.VALUE_TRUE;
          default -> p.skipChildren();
        }
      }
      int at = installPath.lastIndexOf("node_modules/");
      if (link || at < 0 || version == null) {
        continue; // the root project, a workspace link, or no version
      }
      String packageName = name != null ? name : installPath.substring(at + 13);
      add(out, packageName, version, path, line);
    }
  }

  /** Version 1: {@code "x": {"version": ..., "dependencies": {...}}}, nested. */
  private static void readDependencies(JsonParser p, String path, List<Dependency> out, int depth)
      throws IOException {
    if (depth > MAX_V1_DEPTH) {
      throw new LockfileException("dependencies nested deeper than " + MAX_V1_DEPTH);
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int line = p.currentTokenLocation().getLineNr();
      if (p.nextToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      String version = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("version") && value == JsonToken.VALUE_STRING) {
          version = p.getText();
        } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT) {
          readDependencies(p, path, out, depth + 1);
        } else {
          p.skipChildren();
        }
      }
      if (version != null) {
        // An alias: "my-name": {"version": "npm:real-name@1.2.3"}.
        if (version.startsWith("npm:")) {
          String target = version.substring(4);
          int at = target.lastIndexOf('@');
          if (at > 0) {
            name = target.substring(0, at);
            version = target.substring(at + 1);
          }
        }
        add(out, name, version, path, line);
      }
    }
  }

  private static void add(
      List<Dependency> out, String name, String version, String path, int line) {
    if (!name.isEmpty()
        && SemverOrder.INSTANCE.isValid(version)
        && Character.isDigit(version.charAt(0))) {
      out.add(new Dependency(Ecosystem.NPM, name, version, path, line));
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    String first = nl < 0 ? message : message.substring(0, nl);
    return first.length() > 200 ? first.substring(0, 200) + "..." : first;
  }
}
