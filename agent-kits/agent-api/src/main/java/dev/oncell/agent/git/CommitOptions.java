package dev.oncell.agent.git;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link Git#commit}. Build with {@link #defaults()} and the {@code with...} methods.
 *
 * @param author who wrote the change; empty means the customer's config {@code git.author} ({@code
 *     {"name": ..., "email": ...}}), else {@link Git#DEFAULT_IDENTITY}
 * @param committer who made the commit; empty means the same default as the author's (not the
 *     author given here: that is git's convention for changes made on someone's behalf)
 * @param coAuthors added as {@code Co-authored-by: Name <email>} trailers, in this order
 * @param allowEmpty commit even when nothing is staged (otherwise {@code git_nothing_to_commit})
 */
public record CommitOptions(
    Optional<Person> author,
    Optional<Person> committer,
    List<Person> coAuthors,
    boolean allowEmpty) {

  public CommitOptions {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(committer, "committer");
    coAuthors = List.copyOf(coAuthors);
  }

  public static CommitOptions defaults() {
    return new CommitOptions(Optional.empty(), Optional.empty(), List.of(), false);
  }

  public CommitOptions withAuthor(Person value) {
    return new CommitOptions(Optional.of(value), committer, coAuthors, allowEmpty);
  }

  public CommitOptions withCommitter(Person value) {
    return new CommitOptions(author, Optional.of(value), coAuthors, allowEmpty);
  }

  public CommitOptions withCoAuthors(List<Person> value) {
    return new CommitOptions(author, committer, value, allowEmpty);
  }

  public CommitOptions withAllowEmpty(boolean value) {
    return new CommitOptions(author, committer, coAuthors, value);
  }
}
