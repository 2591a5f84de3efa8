package dev.oncell.plugins.review;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The rules of a review, read from the pull request's <em>base</em> branch ({@code
 * .oncell/review.yaml}), else the customer's config {@code review}, else {@link #defaults()}: a
 * pull request cannot change the rules it is reviewed by.
 *
 * @param include globs of the files reviewed ({@code **} for all); a file must match one
 * @param exclude globs of files never reviewed, even if included (generated code, lock files)
 * @param threshold the least severity posted; less serious findings are dropped
 * @param blockOn the least severity that makes the verdict {@link Verdict#CHANGES_REQUESTED}
 * @param profile how much the model is asked to say
 * @param instructions what to look for in the files a glob matches, in the order written; sent to
 *     the model with the changes of those files
 */
public record ReviewConfig(
    List<String> include,
    List<String> exclude,
    Severity threshold,
    Severity blockOn,
    Profile profile,
    List<PathInstruction> instructions) {

  /** What the team wants looked at in the files {@code glob} matches. */
  public record PathInstruction(String glob, String text) {
    public PathInstruction {
      Objects.requireNonNull(glob, "glob");
      Objects.requireNonNull(text, "text");
    }
  }

  /** How much the model is asked to say. */
  public enum Profile {
    /** Only what should change, in a sentence or two each. */
    TERSE,
    /** Also style, tests and performance, with explanations. */
    THOROUGH
  }

  public ReviewConfig {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(blockOn, "blockOn");
    Objects.requireNonNull(profile, "profile");
    instructions = List.copyOf(instructions);
  }

  /** Everything reviewed, every finding posted, critical ones block, terse. */
  public static ReviewConfig defaults() {
    return new ReviewConfig(
        List.of("**"), List.of(), Severity.INFO, Severity.CRITICAL, Profile.TERSE, List.of());
  }

  /** Whether {@code path} (relative, {@code /} separators) is reviewed. */
  public boolean reviews(String path) {
    Path p = Path.of(path);
    return include.stream().anyMatch(g -> matches(g, p))
        && exclude.stream().noneMatch(g -> matches(g, p));
  }

  /** The instructions whose glob matches {@code path}, in the order written. */
  public List<String> instructionsFor(String path) {
    Path p = Path.of(path);
    return instructions.stream()
        .filter(i -> matches(i.glob(), p))
        .map(PathInstruction::text)
        .toList();
  }

  /** Whether a finding of {@code severity} is posted. */
  public boolean posts(Severity severity) {
    return severity.atLeast(threshold);
  }

  private static boolean matches(String glob, Path path) {
    if (glob.equals("**")) {
      return true;
    }
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    return m.matches(path) || (glob.startsWith("**/") && matches(glob.substring(3), path));
  }

  /** A severity or profile name as people write it ({@code major}, {@code Thorough}). */
  static <E extends Enum<E>> E parse(Class<E> type, String key, String value) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ReviewException(
          "review_config_invalid",
          key
              + " is '"
              + value
              + "'; one of "
              + java.util.Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .toList());
    }
  }
}
