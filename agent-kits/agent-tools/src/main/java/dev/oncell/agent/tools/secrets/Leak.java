package dev.oncell.agent.tools.secrets;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret found by a {@link SecretRule}. It never holds the secret itself: only a redacted form
 * (its first four characters), a hash of it (so the same secret found in many files or blobs is
 * recognised as one) and the line with the secret redacted.
 *
 * @param ruleId the rule that matched
 * @param description the rule's description
 * @param path the file, as given to the scanner
 * @param commit the commit it was found in, when the caller knows it
 * @param line 1-based line of the match's start; 0 for a rule about paths only
 * @param endLine 1-based line of the match's end
 * @param redacted the secret's first four characters and an ellipsis
 * @param secretSha256 the SHA-256 of the secret, hex
 * @param snippet the line, with the secret replaced by its redacted form, at most 200 characters
 * @param entropy the secret's Shannon entropy in bits per character
 * @param tags the rule's tags
 */
public record Leak(
    String ruleId,
    String description,
    String path,
    Optional<String> commit,
    int line,
    int endLine,
    String redacted,
    String secretSha256,
    String snippet,
    double entropy,
    List<String> tags) {

  public Leak {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(redacted, "redacted");
    Objects.requireNonNull(secretSha256, "secretSha256");
    Objects.requireNonNull(snippet, "snippet");
    tags = List.copyOf(tags);
  }

  /**
   * The gitleaks fingerprint: {@code commit:file:rule:line}, or {@code file:rule:line} without a
   * commit. The form {@code .gitleaksignore} files list.
   */
  public String gitleaksFingerprint() {
    String base = path + ":" + ruleId + ":" + line;
    return commit.map(c -> c + ":" + base).orElse(base);
  }
}
