package dev.oncell.plugins.migration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a recipe step's rules to one file's text, host-side and bounded: files over {@link
 * #MAX_BYTES} and files that are not text are skipped, and all the step's regexes together get
 * {@link #TIME_LIMIT} per file ({@link DeadlineText}). A skipped file is reported, never half
 * rewritten: the rules run on a copy and the result is all or nothing.
 */
final class Rewriter {

  /** Larger files are skipped ("skipped: too large"). */
  static final int MAX_BYTES = 1 << 20;

  /** Time for all of a step's rules on one file. */
  static final Duration TIME_LIMIT = Duration.ofSeconds(2);

  /** What happened to one file. */
  sealed interface Outcome {
    /** The rules changed the file's text to {@code text}. */
    record Changed(String text) implements Outcome {}

    /** The step does not apply to the file, or its rules changed nothing. */
    record Unchanged() implements Outcome {}

    /** The file was left alone for {@code reason} ("too large", "not text", "too slow"). */
    record Skipped(String reason) implements Outcome {}
  }

  private Rewriter() {}

  static Outcome apply(RecipeStep step, byte[] content) {
    if (content.length > MAX_BYTES) {
      return new Outcome.Skipped("too large (" + content.length + " bytes)");
    }
    for (byte b : content) {
      if (b == 0) {
        return new Outcome.Skipped("not text");
      }
    }
    String text = new String(content, StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
    try {
      if (step.when().isPresent() && !finds(step.when().get(), text, deadline)) {
        return new Outcome.Unchanged();
      }
      if (step.unless().isPresent() && finds(step.unless().get(), text, deadline)) {
        return new Outcome.Unchanged();
      }
      String result = text;
      for (Rule rule : step.rules()) {
        Matcher m = rule.pattern().matcher(new DeadlineText(result, deadline));
        result = m.replaceAll(rule.replace());
      }
      return result.equals(text) ? new Outcome.Unchanged() : new Outcome.Changed(result);
    } catch (DeadlineText.TooSlow e) {
      return new Outcome.Skipped("too slow (the rules ran past " + TIME_LIMIT.toSeconds() + " s)");
    }
  }

  /** Whether {@code regex} occurs in {@code text}, within the deadline. */
  static boolean finds(String regex, String text, long deadline) {
    return Pattern.compile(regex, Pattern.MULTILINE)
        .matcher(new DeadlineText(text, deadline))
        .find();
  }
}
