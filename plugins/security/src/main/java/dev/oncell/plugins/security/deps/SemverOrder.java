package dev.oncell.plugins.security.deps;

import java.util.ArrayList;
import java.util.List;

/**
 * Semantic Versioning 2.0.0 precedence (npm, crates.io, Go): major.minor.patch, then a pre-release
 * sorts before its release, identifiers compared numerically or by ASCII, build metadata ignored.
 *
 * <p>Lenient where lock files and OSV records are: a leading {@code v} or {@code =} is dropped (Go
 * writes {@code v1.2.3}, OSV's Go records {@code 1.2.3}), a missing minor or patch is 0, Go's
 * {@code +incompatible} is build metadata. Numbers of any length compare exactly (no overflow).
 */
final class SemverOrder implements VersionOrder {

  static final SemverOrder INSTANCE = new SemverOrder();

  private static final int MAX_LENGTH = 256;

  private record Parsed(String[] core, List<String> pre) {}

  @Override
  public int compare(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    for (int i = 0; i < 3; i++) {
      int c = compareNumbers(x.core[i], y.core[i]);
      if (c != 0) {
        return c;
      }
    }
    if (x.pre.isEmpty() || y.pre.isEmpty()) {
      return Boolean.compare(x.pre.isEmpty(), y.pre.isEmpty());
    }
    for (int i = 0; i < Math.min(x.pre.size(), y.pre.size()); i++) {
      int c = compareIdentifiers(x.pre.get(i), y.pre.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.pre.size(), y.pre.size());
  }

  private static Parsed parse(String version) {
    String v = version.strip();
    if (v.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("version longer than " + MAX_LENGTH + " characters");
    }
    if (v.startsWith("v") || v.startsWith("V") || v.startsWith("=")) {
      v = v.substring(1);
    }
    int plus = v.indexOf('+');
    if (plus >= 0) {
      v = v.substring(0, plus);
    }
    String pre = "";
    int dash = v.indexOf('-');
    if (dash >= 0) {
      pre = v.substring(dash + 1);
      v = v.substring(0, dash);
    }
    String[] parts = v.split("\\.", -1);
    if (parts.length > 3 || parts[0].isEmpty()) {
      throw new IllegalArgumentException("not a semantic version: '" + version + "'");
    }
    String[] core = {"0", "0", "0"};
    for (int i = 0; i < parts.length; i++) {
      if (!isDigits(parts[i])) {
        throw new IllegalArgumentException("not a semantic version: '" + version + "'");
      }
      core[i] = parts[i];
    }
    List<String> identifiers = new ArrayList<>();
    if (dash >= 0) {
      for (String id : pre.split("\\.", -1)) {
        if (id.isEmpty() || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
          throw new IllegalArgumentException("not a semantic version: '" + version + "'");
        }
        identifiers.add(id);
      }
    }
    return new Parsed(core, identifiers);
  }

  private static int compareIdentifiers(String a, String b) {
    boolean an = isDigits(a);
    boolean bn = isDigits(b);
    if (an && bn) {
      return compareNumbers(a, b);
    }
    if (an != bn) {
      return an ? -1 : 1; // numeric identifiers have lower precedence
    }
    return Integer.signum(a.compareTo(b));
  }

  /** Compares two strings of digits as numbers of any size. */
  static int compareNumbers(String a, String b) {
    String x = stripZeros(a);
    String y = stripZeros(b);
    if (x.length() != y.length()) {
      return Integer.compare(x.length(), y.length());
    }
    return Integer.signum(x.compareTo(y));
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
