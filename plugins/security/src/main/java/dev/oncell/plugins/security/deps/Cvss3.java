package dev.oncell.plugins.security.deps;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The base score of a CVSS 3.0 or 3.1 vector ({@code
 * CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H}), by the specification's formulas, for OSV records
 * whose only severity is a vector. A vector with a metric missing or unknown has no score.
 */
final class Cvss3 {

  private Cvss3() {}

  static Optional<Double> baseScore(String vector) {
    if (!vector.startsWith("CVSS:3.0/") && !vector.startsWith("CVSS:3.1/")) {
      return Optional.empty();
    }
    Map<String, String> m = new HashMap<>();
    for (String part : vector.substring(9).split("/")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        m.put(part.substring(0, colon), part.substring(colon + 1));
      }
    }
    try {
      boolean changed = scope(m.get("S"));
      double av = pick(m.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
      double ac = pick(m.get("AC"), "L", 0.77, "H", 0.44);
      double pr =
          changed
              ? pick(m.get("PR"), "N", 0.85, "L", 0.68, "H", 0.5)
              : pick(m.get("PR"), "N", 0.85, "L", 0.62, "H", 0.27);
      double ui = pick(m.get("UI"), "N", 0.85, "R", 0.62);
      double c = pick(m.get("C"), "H", 0.56, "L", 0.22, "N", 0);
      double i = pick(m.get("I"), "H", 0.56, "L", 0.22, "N", 0);
      double a = pick(m.get("A"), "H", 0.56, "L", 0.22, "N", 0);
      double iss = 1 - (1 - c) * (1 - i) * (1 - a);
      double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
      if (impact <= 0) {
        return Optional.of(0.0);
      }
      double exploitability = 8.22 * av * ac * pr * ui;
      double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
      return Optional.of(roundUp(Math.min(sum, 10)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** CVSS 3.1's Roundup: the smallest number with one decimal that is not less than {@code x}. */
  static double roundUp(double x) {
    long i = Math.round(x * 100000);
    return i % 10000 == 0 ? i / 100000.0 : (Math.floor(i / 10000.0) + 1) / 10.0;
  }

  private static boolean scope(String s) {
    if ("U".equals(s)) {
      return false;
    }
    if ("C".equals(s)) {
      return true;
    }
    throw new IllegalArgumentException("scope");
  }

  private static double pick(String value, Object... table) {
    for (int k = 0; k < table.length; k += 2) {
      if (table[k].equals(value)) {
        return ((Number) table[k + 1]).doubleValue();
      }
    }
    throw new IllegalArgumentException("metric " + value);
  }
}
