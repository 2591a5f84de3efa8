package dev.oncell.agent.git;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Options of {@link Git#clone}. Build with {@link #defaults()} and the {@code with...} methods.
 *
 * @param branch the branch to check out; empty means the remote's default branch
 * @param depth a shallow clone of that many commits; empty means the whole history
 * @param into the folder under the repository's folder to clone into; {@code "."} (the default)
 *     means the folder itself, which must then be empty
 */
public record CloneOptions(Optional<String> branch, OptionalInt depth, String into) {

  public CloneOptions {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(depth, "depth");
    Objects.requireNonNull(into, "into");
    if (depth.isPresent() && depth.getAsInt() < 1) {
      throw new IllegalArgumentException("depth must be at least 1, not " + depth.getAsInt());
    }
  }

  public static CloneOptions defaults() {
    return new CloneOptions(Optional.empty(), OptionalInt.empty(), ".");
  }

  public CloneOptions withBranch(String value) {
    return new CloneOptions(Optional.of(value), depth, into);
  }

  public CloneOptions withDepth(int value) {
    return new CloneOptions(branch, OptionalInt.of(value), into);
  }

  public CloneOptions withInto(String value) {
    return new CloneOptions(branch, depth, value);
  }
}
