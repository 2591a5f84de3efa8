package dev.oncell.agent.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds text that looks like a credential: well-known provider token formats, private keys, and
 * assignments of a long random-looking value to a name such as {@code password} or {@code api_key}.
 * One detector serves both the coding agent (which refuses to commit such a file) and the review
 * agent (which flags it in a pull request), so they agree on what a secret is.
 *
 * <p>It favours precision over recall on assignments: a value must be long, mix letters and digits
 * and be random enough (Shannon entropy), and obvious placeholders ({@code changeme}, {@code
 * ${VAR}}, {@code os.environ[...]}) are ignored, because an agent that refuses every config file is
 * useless. Provider formats are matched whatever the surrounding text.
 */
public final class SecretDetector {

  private record Rule(String name, Pattern pattern) {}

  private static final List<Rule> TOKEN_RULES =
      List.of(
          new Rule("private-key", Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")),
          new Rule("aws-access-key-id", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
          new Rule("github-token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b")),
          new Rule("github-token", Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{40,}")),
          new Rule("gitlab-token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}")),
          new Rule("slack-token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
          new Rule("stripe-key", Pattern.compile("\\b[sr]k_live_[A-Za-z0-9]{20,}")),
          new Rule("anthropic-key", Pattern.compile("\\bsk-ant-[A-Za-z0-9_-]{32,}")),
          new Rule("openai-key", Pattern.compile("\\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}")),
          new Rule("google-api-key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b")));

  /** {@code name = value} or {@code name: value} where name says it holds a secret. */
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?i)([A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key"
              + "|private[_-]?key|client[_-]?secret|auth)[A-Za-z0-9_.-]*)[\"']?\\s*[:=]\\s*"
              + "[\"']?([A-Za-z0-9+/=_\\-.]{16,})");

  private static final List<String> PLACEHOLDERS =
      List.of("example", "changeme", "placeholder", "dummy", "xxxx", "your", "redacted", "test");

  /** Shannon entropy (bits per character) a random-looking value reaches. */
  private static final double MIN_ENTROPY = 3.5;

  private SecretDetector() {}

  /** The detector with the built-in rules. */
  public static SecretDetector defaults() {
    return new SecretDetector();
  }

  /** Every finding in {@code text}, by line; at most one per rule and line. */
  public List<SecretFinding> scan(String path, String text) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(text, "text");
    List<SecretFinding> found = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      scanLine(path, i + 1, lines[i], found);
    }
    return List.copyOf(found);
  }

  private static void scanLine(String path, int number, String line, List<SecretFinding> found) {
    Set<String> rules = new TreeSet<>();
    for (Rule rule : TOKEN_RULES) {
      Matcher m = rule.pattern().matcher(line);
      if (m.find() && rules.add(rule.name())) {
        found.add(new SecretFinding(path, number, rule.name(), redact(m.group())));
      }
    }
    if (!rules.isEmpty()) {
      return; // an assignment holding a provider token is the same finding
    }
    Matcher m = ASSIGNMENT.matcher(line);
    while (m.find()) {
      String value = m.group(2);
      if (looksRandom(value)) {
        found.add(new SecretFinding(path, number, "high-entropy-assignment", redact(value)));
        return;
      }
    }
  }

  /** Long, mixed letters and digits, not a placeholder, and with high entropy. */
  static boolean looksRandom(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (PLACEHOLDERS.stream().anyMatch(lower::contains)) {
      return false;
    }
    boolean letters = value.chars().anyMatch(Character::isLetter);
    boolean digits = value.chars().anyMatch(Character::isDigit);
    return letters && digits && entropy(value) >= MIN_ENTROPY;
  }

  /** Shannon entropy of {@code s} in bits per character. */
  static double entropy(String s) {
    int[] counts = new int[128];
    int other = 0;
    for (char c : s.toCharArray()) {
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double bits = 0;
    for (int count : counts) {
      bits += term(count, s.length());
    }
    return bits + term(other, s.length());
  }

  private static double term(int count, int length) {
    if (count == 0) {
      return 0;
    }
    double p = (double) count / length;
    return -p * (Math.log(p) / Math.log(2));
  }

  private static String redact(String secret) {
    return secret.substring(0, Math.min(4, secret.length())) + "…";
  }
}
