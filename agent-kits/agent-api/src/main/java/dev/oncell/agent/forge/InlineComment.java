package dev.oncell.agent.forge;

import java.util.Objects;

/**
 * An inline comment already on a pull request's diff, as the forge lists it: a reviewer's remark
 * that starts a thread, or a reply in one. An agent that revises its pull request reads these to
 * know what to change and answers each thread it addressed with {@link PullRequests#reply}.
 *
 * @param id the forge's id of the comment (what {@link PullRequests#reply} answers)
 * @param path the file's path in the repository, with {@code /} separators
 * @param line the line number (from 1) it is anchored to, 0 when the forge no longer places it (the
 *     line changed since)
 * @param author the login of who wrote it
 * @param body the comment, Markdown
 * @param inReplyTo the id of the comment that starts its thread, 0 when it starts one
 */
public record InlineComment(
    long id, String path, int line, String author, String body, long inReplyTo) {

  public InlineComment {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(body, "body");
  }

  /** Whether this comment starts a thread (is not a reply). */
  public boolean startsThread() {
    return inReplyTo == 0;
  }
}
