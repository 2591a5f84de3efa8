package dev.oncell.agent.tools.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A gitleaks allow-list: what makes a match not a finding. With condition {@code OR} (the default)
 * any one criterion that is given and matches allows it; with {@code AND} every criterion given
 * must match.
 *
 * @param description why the allow-list exists
 * @param condition how the criteria combine
 * @param commits commit ids whose findings are allowed (only history scans know a commit)
 * @param paths regular expressions over the file's path
 * @param regexes regular expressions over {@link #regexTarget}
 * @param regexTarget what {@link #regexes} are matched against: the secret (default), the whole
 *     match, or the line
 * @param stopwords words that, found in the secret (ignoring case), allow it
 * @param targetRules for a global allow-list: the rules it applies to (empty: all)
 */
public record Allowlist(
    String description,
    Condition condition,
    List<String> commits,
    List<Pattern> paths,
    List<Pattern> regexes,
    RegexTarget regexTarget,
    List<String> stopwords,
    List<String> targetRules) {

  /** How the criteria of an allow-list combine. */
  public enum Condition {
    OR,
    AND
  }

  /** What an allow-list's regexes are matched against. */
  public enum RegexTarget {
    SECRET,
    MATCH,
    LINE
  }

  public Allowlist {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(condition, "condition");
    commits = List.copyOf(commits);
    paths = List.copyOf(paths);
    regexes = List.copyOf(regexes);
    Objects.requireNonNull(regexTarget, "regexTarget");
    stopwords = stopwords.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    targetRules = List.copyOf(targetRules);
  }

  /** Whether this allow-list applies to the rule {@code ruleId} at all. */
  boolean targets(String ruleId) {
    return targetRules.isEmpty() || targetRules.contains(ruleId);
  }

  /** Whether it allows a file outright, before any match: its paths alone decide (OR only). */
  boolean allowsPath(String path) {
    return condition == Condition.OR && paths.stream().anyMatch(p -> p.matcher(path).find());
  }

  /** Whether it allows this match. */
  boolean allows(Candidate c) {
    int given = 0;
    int matched = 0;
    if (!commits.isEmpty()) {
      given++;
      matched += c.commit().filter(commits::contains).isPresent() ? 1 : 0;
    }
    if (!paths.isEmpty()) {
      given++;
      matched += paths.stream().anyMatch(p -> p.matcher(c.path()).find()) ? 1 : 0;
    }
    if (!regexes.isEmpty()) {
      given++;
      String target =
          switch (regexTarget) {
            case SECRET -> c.secret();
            case MATCH -> c.match();
            case LINE -> c.line();
          };
      matched += regexes.stream().anyMatch(p -> p.matcher(target).find()) ? 1 : 0;
    }
    if (!stopwords.isEmpty()) {
      given++;
      String secret = c.secret().toLowerCase(Locale.ROOT);
      matched += stopwords.stream().anyMatch(secret::contains) ? 1 : 0;
    }
    return condition == Condition.OR ? matched > 0 : given > 0 && matched == given;
  }

  /** What an allow-list looks at of one match. */
  record Candidate(
      Optional<String> commit, String path, String secret, String match, String line) {}
}
