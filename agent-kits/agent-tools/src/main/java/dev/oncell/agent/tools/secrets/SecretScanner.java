package dev.oncell.agent.tools.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Runs a {@link SecretRules} set over text, as gitleaks does: a rule runs only when one of its
 * keywords is in the text and its path regex matches; each match's secret (its secret group) must
 * beat the rule's entropy and pass the rule's and the global allow-lists; a line carrying {@code
 * gitleaks:allow} is skipped. One thing gitleaks does not do: a finding of a {@code generic} rule
 * yields to a specific rule's finding on the same line (an assignment of a GitHub token is one
 * finding, the GitHub token).
 *
 * <p>Bounded: text over {@link Limits#maxBytes} and text with a NUL byte early on (binary) are
 * skipped and reported, and each rule's matching over one text stops at {@link Limits#perRuleTime}
 * (a catastrophic regex of an operator's rule file on a hostile file), reported as skipped, never
 * thrown. Stateless and thread-safe.
 */
public final class SecretScanner {

  /** Marks a line whose findings are allowed, as in gitleaks. */
  public static final String ALLOW_COMMENT = "gitleaks:allow";

  /**
   * How much one scan may cost.
   *
   * @param maxBytes the largest text scanned (in UTF-16 characters: what a String holds)
   * @param perRuleTime how long one rule may match over one text
   */
  public record Limits(int maxBytes, Duration perRuleTime) {
    public Limits {
      Objects.requireNonNull(perRuleTime, "perRuleTime");
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxBytes must be positive");
      }
    }

    /** 2 MiB per text, 250 ms per rule and text. */
    public static Limits defaults() {
      return new Limits(2 << 20, Duration.ofMillis(250));
    }
  }

  /** What one scan found, and what it had to skip (and why), one line each. */
  public record Result(List<Leak> leaks, List<String> skipped) {
    public Result {
      leaks = List.copyOf(leaks);
      skipped = List.copyOf(skipped);
    }
  }

  private final SecretRules rules;
  private final Limits limits;

  public SecretScanner(SecretRules rules, Limits limits) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** A scanner of the built-in rules with the default limits. */
  public static SecretScanner defaults() {
    return new SecretScanner(SecretRules.builtin(), Limits.defaults());
  }

  public SecretRules rules() {
    return rules;
  }

  /** Scans {@code text} of the file at {@code path} (in {@code commit}, when known). */
  public Result scan(String path, String text, Optional<String> commit) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(commit, "commit");
    if (text.length() > limits.maxBytes()) {
      return new Result(
          List.of(), List.of(path + ": skipped: too large (" + text.length() + " characters)"));
    }
    if (text.substring(0, Math.min(text.length(), 8000)).indexOf('\0') >= 0) {
      return new Result(List.of(), List.of(path + ": skipped: binary"));
    }
    for (Allowlist a : rules.allowlists()) {
      if (a.targetRules().isEmpty() && a.allowsPath(path)) {
        return new Result(List.of(), List.of());
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    Lines lines = new Lines(text);
    List<Leak> leaks = new ArrayList<>();
    List<String> lineTexts = new ArrayList<>();
    java.util.Set<String> secrets = new java.util.TreeSet<>();
    List<String> skipped = new ArrayList<>();
    for (SecretRule rule : rules.rules()) {
      if (!rule.keywords().isEmpty() && rule.keywords().stream().noneMatch(lower::contains)) {
        continue;
      }
      if (rule.path().isPresent() && !rule.path().get().matcher(path).find()) {
        continue;
      }
      if (rule.regex().isEmpty()) {
        leaks.add(pathLeak(rule, path, commit));
        lineTexts.add(path);
        continue;
      }
      try {
        match(rule, path, text, commit, lines, leaks, lineTexts, secrets);
      } catch (TimedText.RegexTimeout e) {
        skipped.add(
            path
                + ": rule "
                + rule.id()
                + " skipped: its regex ran past "
                + limits.perRuleTime().toMillis()
                + " ms");
      }
    }
    return new Result(yieldGeneric(snippets(leaks, lineTexts, secrets)), skipped);
  }

  private void match(
      SecretRule rule,
      String path,
      String text,
      Optional<String> commit,
      Lines lines,
      List<Leak> leaks,
      List<String> lineTexts,
      java.util.Set<String> secrets) {
    long deadline = System.nanoTime() + limits.perRuleTime().toNanos();
    Matcher m = rule.regex().orElseThrow().matcher(new TimedText(text, deadline));
    while (m.find()) {
      int group = secretGroup(rule, m);
      String secret = group < 0 ? m.group() : m.group(group);
      if (secret == null || secret.isEmpty()) {
        continue;
      }
      double entropy = Entropy.shannon(secret);
      if (rule.entropy() > 0 && entropy <= rule.entropy()) {
        continue;
      }
      int startLine = lines.lineOf(m.start());
      int endLine = lines.lineOf(Math.max(m.start(), m.end() - 1));
      String line = lines.text(startLine, endLine);
      if (line.contains(ALLOW_COMMENT)) {
        continue;
      }
      Allowlist.Candidate candidate =
          new Allowlist.Candidate(commit, path, secret, m.group(), line);
      if (allowed(rule, candidate)) {
        continue;
      }
      String redacted = redact(secret);
      secrets.add(secret);
      lineTexts.add(line);
      leaks.add(
          new Leak(
              rule.id(),
              rule.description(),
              path,
              commit,
              startLine,
              endLine,
              redacted,
              sha256(secret),
              "", // set once every secret of the text is known: see snippets
              entropy,
              rule.tags()));
    }
  }

  /** The group holding the secret, or -1 for the whole match. */
  private static int secretGroup(SecretRule rule, Matcher m) {
    if (rule.secretGroup() > 0) {
      return rule.secretGroup();
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null && !m.group(g).isEmpty()) {
        return g;
      }
    }
    return -1;
  }

  private boolean allowed(SecretRule rule, Allowlist.Candidate candidate) {
    for (Allowlist a : rule.allowlists()) {
      if (a.allows(candidate)) {
        return true;
      }
    }
    for (Allowlist a : rules.allowlists()) {
      if (a.targets(rule.id()) && a.allows(candidate)) {
        return true;
      }
    }
    return false;
  }

  private static Leak pathLeak(SecretRule rule, String path, Optional<String> commit) {
    return new Leak(
        rule.id(), rule.description(), path, commit, 0, 0, "", sha256(path), path, 0, rule.tags());
  }

  /**
   * Each leak with its snippet: its line with every secret found in the text redacted, not only its
   * own (a line may hold two).
   */
  private static List<Leak> snippets(
      List<Leak> leaks, List<String> lineTexts, java.util.Set<String> secrets) {
    List<String> longestFirst = new ArrayList<>(secrets);
    longestFirst.sort(java.util.Comparator.comparingInt(String::length).reversed());
    List<Leak> out = new ArrayList<>();
    for (int i = 0; i < leaks.size(); i++) {
      Leak l = leaks.get(i);
      String snippet = lineTexts.get(i);
      for (String secret : longestFirst) {
        snippet = snippet.replace(secret, redact(secret));
      }
      snippet = snippet.strip();
      snippet = snippet.length() > 200 ? snippet.substring(0, 200) + "…" : snippet;
      out.add(
          new Leak(
              l.ruleId(),
              l.description(),
              l.path(),
              l.commit(),
              l.line(),
              l.endLine(),
              l.redacted(),
              l.secretSha256(),
              snippet,
              l.entropy(),
              l.tags()));
    }
    return out;
  }

  /** Drops a generic rule's finding on a line where a specific rule found something. */
  private static List<Leak> yieldGeneric(List<Leak> leaks) {
    List<Leak> out = new ArrayList<>();
    for (Leak l : leaks) {
      boolean generic = l.tags().contains("generic");
      if (generic
          && leaks.stream().anyMatch(o -> !o.tags().contains("generic") && o.line() == l.line())) {
        continue;
      }
      out.add(l);
    }
    out.sort(
        java.util.Comparator.comparingInt(Leak::line)
            .thenComparing(Leak::ruleId)
            .thenComparing(Leak::secretSha256));
    return out;
  }

  /** The first four characters and an ellipsis: safe to log, stream and show to a model. */
  public static String redact(String secret) {
    return secret.substring(0, Math.min(4, secret.length())) + "…";
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Line numbers of offsets, and the text of lines. */
  private static final class Lines {
    private final String text;
    private final int[] starts;

    Lines(String text) {
      this.text = text;
      int[] s = new int[16];
      int n = 0;
      s[n++] = 0;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (n == s.length) {
          s = Arrays.copyOf(s, n * 2);
        }
        s[n++] = i + 1;
      }
      this.starts = Arrays.copyOf(s, n);
    }

    /** The 1-based line of {@code offset}. */
    int lineOf(int offset) {
      int i = Arrays.binarySearch(starts, offset);
      return (i >= 0 ? i : -i - 2) + 1;
    }

    /** Lines {@code from} to {@code to} (1-based), without the final newline. */
    String text(int from, int to) {
      int start = starts[from - 1];
      int end = to < starts.length ? starts[to] - 1 : text.length();
      return text.substring(start, Math.max(start, end));
    }
  }
}
