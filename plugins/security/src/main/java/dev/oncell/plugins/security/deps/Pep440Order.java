package dev.oncell.plugins.security.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 ordering (PyPI), as the reference implementation ({@code packaging.version}) sorts:
 * epoch, release (trailing zeros ignored), then a development release before its pre-releases
 * ({@code 1.0.dev1 < 1.0a1 < 1.0b1 < 1.0rc1 < 1.0 < 1.0.post1}), then the local label. Alternative
 * spellings are normalised ({@code alpha}, {@code c}, {@code pre}, {@code rev}, {@code 1.0-1}).
 *
 * <p>The pattern is PEP 440's own; input is capped at 256 characters before it is matched.
 */
final class Pep440Order implements VersionOrder {

  static final Pep440Order INSTANCE = new Pep440Order();

  private static final int MAX_LENGTH = 256;

  private static final Pattern VERSION =
      Pattern.compile(
          "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
              + "(?<post>-(?<postn1>[0-9]+)|[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?)?"
              + "(?<dev>[-_.]?dev[-_.]?(?<devn>[0-9]+)?)?"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
          Pattern.CASE_INSENSITIVE);

  /** A parsed version; {@code pre} is 0 (a), 1 (b) or 2 (rc), or -1 when absent. */
  private record Parsed(
      String epoch,
      List<String> release,
      int pre,
      String preNumber,
      boolean hasPost,
      String postNumber,
      boolean hasDev,
      String devNumber,
      List<String> local) {}

  @Override
  public int compare(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    int c = SemverOrder.compareNumbers(x.epoch, y.epoch);
    if (c != 0) {
      return c;
    }
    c = compareRelease(x.release, y.release);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(preRank(x), preRank(y));
    if (c == 0 && x.pre >= 0) {
      c = SemverOrder.compareNumbers(x.preNumber, y.preNumber);
    }
    if (c != 0) {
      return c;
    }
    c = Boolean.compare(x.hasPost, y.hasPost);
    if (c == 0 && x.hasPost) {
      c = SemverOrder.compareNumbers(x.postNumber, y.postNumber);
    }
    if (c != 0) {
      return c;
    }
    c = Boolean.compare(!x.hasDev, !y.hasDev);
    if (c == 0 && x.hasDev) {
      c = SemverOrder.compareNumbers(x.devNumber, y.devNumber);
    }
    if (c != 0) {
      return c;
    }
    return compareLocal(x.local, y.local);
  }

  /** A bare dev release sorts before every pre-release; a final release after them all. */
  private static int preRank(Parsed p) {
    if (p.pre < 0 && !p.hasPost && p.hasDev) {
      return -1;
    }
    return p.pre < 0 ? 3 : p.pre;
  }

  private static int compareRelease(List<String> a, List<String> b) {
    int n = Math.max(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      String x = i < a.size() ? a.get(i) : "0";
      String y = i < b.size() ? b.get(i) : "0";
      int c = SemverOrder.compareNumbers(x, y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** No label sorts first; numeric segments sort after alphanumeric ones. */
  private static int compareLocal(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xn = SemverOrder.isDigits(x);
      boolean yn = SemverOrder.isDigits(y);
      int c;
      if (xn && yn) {
        c = SemverOrder.compareNumbers(x, y);
      } else if (xn != yn) {
        c = xn ? 1 : -1;
      } else {
        c = Integer.signum(x.compareTo(y));
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static Parsed parse(String version) {
    String v = version.strip().toLowerCase(Locale.ROOT);
    if (v.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("version longer than " + MAX_LENGTH + " characters");
    }
    Matcher m = VERSION.matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PEP 440 version: '" + version + "'");
    }
    int pre = -1;
    if (m.group("pre") != null) {
      pre =
          switch (m.group("prel")) {
            case "a", "alpha" -> 0;
            case "b", "beta" -> 1;
            default -> 2; // c, rc, pre, preview
          };
    }
    String postNumber = m.group("postn1") != null ? m.group("postn1") : m.group("postn2");
    List<String> local = new ArrayList<>();
    if (m.group("local") != null) {
      for (String segment : m.group("local").split("[-_.]")) {
        local.add(segment);
      }
    }
    return new Parsed(
        m.group("epoch") == null ? "0" : m.group("epoch"),
        List.of(m.group("release").split("\\.")),
        pre,
        orZero(m.group("pren")),
        m.group("post") != null,
        orZero(postNumber),
        m.group("dev") != null,
        orZero(m.group("devn")),
        local);
  }

  private static String orZero(String digits) {
    return digits == null ? "0" : digits;
  }
}
