package dev.oncell.plugins.security.deps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code yarn.lock}, classic (v1: {@code version "1.2.3"}) and berry (v2+, YAML: {@code version:
 * 1.2.3} and {@code resolution: "name@npm:1.2.3"}). An entry starts at a line without indent that
 * ends with {@code :} and lists the ranges it satisfies; the name is taken from berry's {@code
 * resolution} when present (it names the real package of an alias), else from the first range
 * ({@code name@range}, {@code name@npm:real@range} for an alias). Berry's workspace, patch, link,
 * portal, file and git entries are not registry packages and are left out. One entry per {@code
 * name@version}.
 */
final class YarnLockParser implements LockfileParser {

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("yarn.lock");
  }

  @Override
  public ParsedFile parse(String path, String text) {
    List<Dependency> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String[] lines = text.split("\n", -1);
    String header = null;
    int headerLine = 0;
    String version = null;
    String resolution = null;
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? stripCr(lines[i]) : "";
      boolean topLevel = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
      if (i == lines.length || topLevel) {
        if (header != null) {
          entry(header, version, resolution, path, headerLine, out, seen);
        }
        header = null;
        version = null;
        resolution = null;
        if (topLevel && !line.startsWith("#") && line.endsWith(":")) {
          header = line.substring(0, line.length() - 1);
          headerLine = i + 1;
        }
        continue;
      }
      String field = line.strip();
      if (field.startsWith("version ") || field.startsWith("version:")) {
        version = unquote(field.substring(field.startsWith("version:") ? 8 : 7).strip());
      } else if (field.startsWith("resolution:")) {
        resolution = unquote(field.substring(11).strip());
      }
    }
    return ParsedFile.of(out, List.of());
  }

  private static void entry(
      String header,
      String version,
      String resolution,
      String path,
      int line,
      List<Dependency> out,
      Set<String> seen) {
    if (version == null || header.equals("__metadata")) {
      return;
    }
    String name;
    if (resolution != null) {
      // berry: "name@npm:1.2.3"; other protocols are not registry packages.
      int at = resolution.indexOf('@', 1);
      if (at < 0 || !resolution.startsWith("npm:", at + 1)) {
        return;
      }
      name = resolution.substring(0, at);
      version = resolution.substring(at + 5);
    } else {
      String first = unquote(header.split(",", 2)[0].strip());
      int at = first.indexOf('@', 1);
      if (at < 0) {
        return;
      }
      name = first.substring(0, at);
      String range = first.substring(at + 1);
      if (isNotRegistry(range)) {
        return; // a git, URL, file or link dependency: its version is not the registry's
      }
      if (range.startsWith("npm:")) {
        String target = range.substring(4);
        int targetAt = target.indexOf('@', 1);
        if (targetAt > 0) {
          name = target.substring(0, targetAt);
        }
      }
    }
    if (name.isEmpty()
        || version.isEmpty()
        || !Character.isDigit(version.charAt(0))
        || !SemverOrder.INSTANCE.isValid(version)
        || !seen.add(name + "@" + version)) {
      return;
    }
    out.add(new Dependency(Ecosystem.NPM, name, version, path, line));
  }

  private static boolean isNotRegistry(String range) {
    return range.contains("://")
        || range.startsWith("git")
        || range.startsWith("file:")
        || range.startsWith("link:")
        || range.startsWith("portal:")
        || range.contains("/") && !range.startsWith("npm:");
  }

  static String unquote(String s) {
    if (s.length() >= 2
        && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
