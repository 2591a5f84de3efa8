package dev.oncell.agent.tools;

import dev.oncell.agent.tools.secrets.Entropy;
import dev.oncell.agent.tools.secrets.Leak;
import dev.oncell.agent.tools.secrets.SecretRules;
import dev.oncell.agent.tools.secrets.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds text that looks like a credential, with the shipped gitleaks-format rules ({@link
 * SecretRules#builtin()}: provider tokens, private keys, JWTs, database URLs with passwords, and
 * random-looking values assigned to names such as {@code password} or {@code api_key}). One
 * detector serves the coding agent (which refuses to commit such a file), the review agent (which
 * flags it in a pull request) and the security agent (which scans whole histories with the same
 * engine, {@link SecretScanner}), so they agree on what a secret is.
 *
 * <p>It favours precision over recall on assignments: a value must be long, mix letters and digits
 * and be random enough (Shannon entropy), and obvious placeholders ({@code changeme}, {@code
 * ${VAR}}, {@code os.environ[...]}) are ignored, because an agent that refuses every config file is
 * useless. A line marked {@code gitleaks:allow} is not flagged.
 */
public final class SecretDetector {

  private final SecretScanner scanner;

  private SecretDetector(SecretScanner scanner) {
    this.scanner = scanner;
  }

  /** The detector with the built-in rules. */
  public static SecretDetector defaults() {
    return new SecretDetector(SecretScanner.defaults());
  }

  /** A detector with other rules (an operator's gitleaks file, parsed by {@link SecretRules}). */
  public static SecretDetector of(SecretScanner scanner) {
    return new SecretDetector(Objects.requireNonNull(scanner, "scanner"));
  }

  /** Every finding in {@code text}, by line; at most one per rule and line. */
  public List<SecretFinding> scan(String path, String text) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(text, "text");
    List<SecretFinding> found = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (Leak leak : scanner.scan(path, text, Optional.empty()).leaks()) {
      if (seen.add(leak.line() + ":" + leak.ruleId())) {
        found.add(new SecretFinding(path, leak.line(), leak.ruleId(), leak.redacted()));
      }
    }
    return List.copyOf(found);
  }

  /** Shannon entropy of {@code s} in bits per character. */
  static double entropy(String s) {
    return Entropy.shannon(s);
  }
}
