package dev.oncell.plugins.security.deps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code pnpm-lock.yaml}, lockfile versions 5 to 9, from the keys of its top-level {@code
 * packages:} map (two spaces of indent): {@code /name/1.2.3} and {@code /name/1.2.3_peer@1.0.0}
 * (v5), {@code /name@1.2.3(peer@1.0.0)} (v6), {@code name@1.2.3} and {@code '@scope/name@1.2.3'}
 * (v9). Keys that are not registry versions (tarball URLs, {@code link:}, {@code file:}, git) are
 * left out. Read line by line, not as general YAML: no anchors, aliases or tags are expanded.
 */
final class PnpmLockParser implements LockfileParser {

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("pnpm-lock.yaml");
  }

  @Override
  public ParsedFile parse(String path, String text) {
    List<Dependency> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String[] lines = text.split("\n", -1);
    boolean inPackages = false;
    boolean sawPackages = false;
    for (int i = 0; i < lines.length; i++) {
      String line = YarnLockParser.stripCr(lines[i]);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        inPackages = line.startsWith("packages:");
        sawPackages |= inPackages;
        continue;
      }
      if (!inPackages
          || !line.startsWith("  ")
          || Character.isWhitespace(line.charAt(2))
          || !line.endsWith(":")) {
        continue;
      }
      String key = YarnLockParser.unquote(line.substring(2, line.length() - 1).strip());
      String[] nameVersion = split(key);
      if (nameVersion == null) {
        continue;
      }
      String name = nameVersion[0];
      String version = nameVersion[1];
      if (!name.isEmpty()
          && !version.isEmpty()
          && Character.isDigit(version.charAt(0))
          && SemverOrder.INSTANCE.isValid(version)
          && seen.add(name + "@" + version)) {
        out.add(new Dependency(Ecosystem.NPM, name, version, path, i + 1));
      }
    }
    if (!sawPackages && !text.contains("lockfileVersion")) {
      throw new LockfileException("not a pnpm lock file (no lockfileVersion)");
    }
    return ParsedFile.of(out, List.of());
  }

  /** {@code [name, version]} of a package key, or null for a key that is not name and version. */
  private static String[] split(String key) {
    String k = key.startsWith("/") ? key.substring(1) : key;
    int paren = k.indexOf('(');
    if (paren >= 0) {
      k = k.substring(0, paren); // v6/v9 peer suffix
    }
    int at = k.indexOf('@', 1);
    if (at > 0) {
      String name = k.substring(0, at);
      long slashes = name.chars().filter(c -> c == '/').count();
      if (slashes == (name.startsWith("@") ? 1 : 0)) {
        return new String[] {name, k.substring(at + 1)};
      }
      // else a v5 key whose peer suffix has an '@': /name/1.2.3_peer@1.0.0
    }
    // v5: name/version, the name possibly scoped (@s/name/1.2.3), peers after '_'
    int slash = k.lastIndexOf('/');
    if (slash <= 0) {
      return null;
    }
    String version = k.substring(slash + 1);
    int underscore = version.indexOf('_');
    if (underscore >= 0) {
      version = version.substring(0, underscore);
    }
    return new String[] {k.substring(0, slash), version};
  }
}
