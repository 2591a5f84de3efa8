package dev.oncell.agent.tools;

import java.util.Objects;

/**
 * A place in a file that looks like a secret.
 *
 * @param path the file, as given to the detector
 * @param line 1-based line number
 * @param rule the rule that matched, such as {@code github-pat} or {@code private-key} (a rule id
 *     of {@link dev.oncell.agent.tools.secrets.SecretRules})
 * @param redacted the matched text with all but its first four characters hidden, safe to log, to
 *     stream and to show to a model
 */
public record SecretFinding(String path, int line, String rule, String redacted) {

  public SecretFinding {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(redacted, "redacted");
  }

  /** {@code path:line (rule)}: for a message or a pull request body. */
  public String describe() {
    return path + ":" + line + " (" + rule + ")";
  }
}
