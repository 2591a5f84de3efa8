package dev.oncell.agent.tools.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One gitleaks rule.
 *
 * @param id unique within a rule set: what findings, fingerprints and allow-lists name
 * @param description what it finds, for people
 * @param regex what a secret looks like; empty for a rule about paths only (a file that must not be
 *     in a repository at all, such as a key store)
 * @param secretGroup the regex group that is the secret; 0 for the first group that matched
 *     anything, or the whole match when there is no group
 * @param entropy the Shannon entropy (bits per character) a secret must exceed; 0 for no check
 * @param keywords lower-case words one of which must be in the text for the rule to run at all (the
 *     cheap pre-filter that keeps most rules off most files)
 * @param path a regular expression the file's path must match
 * @param tags free labels; {@code generic} marks a rule that yields to a specific rule's finding on
 *     the same line
 * @param allowlists what makes a match of this rule not a finding
 */
public record SecretRule(
    String id,
    String description,
    Optional<Pattern> regex,
    int secretGroup,
    double entropy,
    List<String> keywords,
    Optional<Pattern> path,
    List<String> tags,
    List<Allowlist> allowlists) {

  public SecretRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(path, "path");
    keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    tags = List.copyOf(tags);
    allowlists = List.copyOf(allowlists);
    if (regex.isEmpty() && path.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " has neither a regex nor a path");
    }
    if (secretGroup < 0) {
      throw new IllegalArgumentException("rule " + id + ": secretGroup must be 0 or more");
    }
    if (regex.isPresent() && secretGroup > regex.get().matcher("").groupCount()) {
      throw new IllegalArgumentException(
          "rule "
              + id
              + ": secretGroup "
              + secretGroup
              + " but the regex has "
              + regex.get().matcher("").groupCount()
              + " groups");
    }
  }

  /** Whether a finding of this rule yields to a specific rule's finding on the same line. */
  public boolean generic() {
    return tags.contains("generic");
  }
}
