package dev.oncell.agent.tools.secrets;

/** Shannon entropy: how random a string looks, in bits per character. */
public final class Entropy {

  private Entropy() {}

  /** The Shannon entropy of {@code s} in bits per character; 0 for an empty string. */
  public static double shannon(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
    s.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    int length = s.codePointCount(0, s.length());
    double bits = 0;
    for (int count : counts.values()) {
      double p = (double) count / length;
      bits -= p * (Math.log(p) / Math.log(2));
    }
    return bits;
  }
}
