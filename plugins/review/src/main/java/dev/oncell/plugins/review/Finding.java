package dev.oncell.plugins.review;

import dev.oncell.agent.forge.ReviewComment.Side;
import java.util.Optional;

/**
 * One problem the model found, in the shape it is asked to answer in (the structured answer is
 * {@link Findings}). Nothing here is trusted: {@link FindingCheck} decides where it may be posted.
 *
 * @param file the file's path in the repository
 * @param line the line (from 1) in the file on {@code side}
 * @param side RIGHT for the new version (added or kept lines), LEFT for the old one (removed lines)
 * @param severity how much it matters
 * @param category what kind of problem it is
 * @param title one line naming the problem; with the file and line content it makes the finding's
 *     {@link Fingerprint}
 * @param body the explanation, Markdown
 * @param suggestion the whole replacement text of that line, when the fix is that simple
 */
public record Finding(
    String file,
    int line,
    Side side,
    Severity severity,
    Category category,
    String title,
    String body,
    Optional<String> suggestion) {

  public Finding {
    suggestion = suggestion == null ? Optional.empty() : suggestion;
  }

  /** This finding without its suggestion (one that would not apply cleanly). */
  Finding withoutSuggestion() {
    return new Finding(file, line, side, severity, category, title, body, Optional.empty());
  }

  /** {@code file:line} as people write it, {@code (old)} for a removed line. */
  String where() {
    return file + ":" + line + (side == Side.LEFT ? " (old)" : "");
  }
}
