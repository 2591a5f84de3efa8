package dev.oncell.agent.git;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One commit, as {@link Git#log} reads it.
 *
 * @param id the full commit id
 * @param parents the parents' ids: none for a root commit, two or more for a merge
 * @param author who wrote the change
 * @param authoredAt when it was written (UTC; git keeps whole seconds)
 * @param committer who made the commit
 * @param committedAt when the commit was made
 * @param subject the first paragraph of the message, joined into one line
 * @param body the rest of the message, trailers included; empty if there is none
 */
public record CommitInfo(
    String id,
    List<String> parents,
    Person author,
    Instant authoredAt,
    Person committer,
    Instant committedAt,
    String subject,
    String body) {

  public CommitInfo {
    Objects.requireNonNull(id, "id");
    parents = List.copyOf(parents);
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(authoredAt, "authoredAt");
    Objects.requireNonNull(committer, "committer");
    Objects.requireNonNull(committedAt, "committedAt");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }
}
