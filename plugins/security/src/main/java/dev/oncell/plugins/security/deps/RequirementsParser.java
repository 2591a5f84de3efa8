package dev.oncell.plugins.security.deps;

import java.util.ArrayList;
import java.util.List;

/**
 * pip's {@code requirements*.txt}: {@code name[extras]==1.2.3 ; markers # comment}, with {@code \}
 * continuations. Only an exact pin ({@code ==} or {@code ===}, no wildcard) is matched; a range or
 * a bare name is reported as unpinned, since pip may install any version it allows. Options ({@code
 * -r}, {@code -e}, {@code --hash}), URLs and local paths are not packages of the index and are
 * ignored.
 */
final class RequirementsParser implements LockfileParser {

  @Override
  public boolean accepts(String fileName) {
    return fileName.startsWith("requirements") && fileName.endsWith(".txt");
  }

  @Override
  public ParsedFile parse(String path, String text) {
    List<Dependency> out = new ArrayList<>();
    List<Unresolved> unpinned = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int first = i;
      StringBuilder logical = new StringBuilder(YarnLockParser.stripCr(lines[i]));
      while (logical.toString().endsWith("\\") && i + 1 < lines.length) {
        logical.setLength(logical.length() - 1);
        logical.append(' ').append(YarnLockParser.stripCr(lines[++i]));
      }
      requirement(logical.toString(), path, first + 1, out, unpinned);
    }
    return ParsedFile.of(out, unpinned);
  }

  private static void requirement(
      String raw, String path, int line, List<Dependency> out, List<Unresolved> unpinned) {
    String text = raw;
    int hash = text.indexOf(" #");
    if (text.startsWith("#")) {
      return;
    }
    if (hash >= 0) {
      text = text.substring(0, hash);
    }
    int semicolon = text.indexOf(';');
    if (semicolon >= 0) {
      text = text.substring(0, semicolon); // environment markers
    }
    int option = text.indexOf(" --");
    if (option >= 0) {
      text = text.substring(0, option); // --hash=... after the requirement
    }
    text = text.strip();
    if (text.isEmpty() || text.startsWith("-") || text.contains("://") || text.contains(" @ ")) {
      return;
    }
    int end = 0;
    while (end < text.length() && isNameChar(text.charAt(end))) {
      end++;
    }
    String name = text.substring(0, end);
    if (name.isEmpty() || name.startsWith(".") || name.contains("/")) {
      return;
    }
    String rest = text.substring(end).strip();
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      rest = close < 0 ? "" : rest.substring(close + 1).strip();
    }
    String version = null;
    if (rest.startsWith("===")) {
      version = rest.substring(3).strip();
    } else if (rest.startsWith("==")) {
      version = rest.substring(2).strip();
    }
    if (version != null
        && !version.contains(",")
        && !version.contains("*")
        && Pep440Order.INSTANCE.isValid(version)) {
      out.add(new Dependency(Ecosystem.PYPI, name, version, path, line));
    } else {
      String spec = rest.isEmpty() ? "any version" : rest;
      unpinned.add(new Unresolved(path, line, name, "unpinned: " + abbreviate(spec)));
    }
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
  }

  static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
