package dev.oncell.agent.forge;

import java.util.Objects;

/**
 * An inline comment on a pull request's diff.
 *
 * @param path the file's path in the repository, with {@code /} separators
 * @param line the line number (from 1) in the file on {@code side}
 * @param side {@link Side#RIGHT} for the new version of the file (added or unchanged lines), {@link
 *     Side#LEFT} for the old one (removed lines)
 * @param body the comment, Markdown
 */
public record ReviewComment(String path, int line, Side side, String body) {

  /** Which version of the file a line number counts in, as GitHub names them. */
  public enum Side {
    LEFT,
    RIGHT
  }

  public ReviewComment {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(body, "body");
    if (path.isBlank() || path.startsWith("/") || path.contains("\\")) {
      throw new ForgeException(
          ForgeException.INVALID, "a review comment's path is relative with / separators");
    }
    if (line < 1) {
      throw new ForgeException(ForgeException.INVALID, "a review comment's line counts from 1");
    }
    if (body.isBlank()) {
      throw new ForgeException(ForgeException.INVALID, "a review comment needs a body");
    }
  }
}
