package dev.oncell.agent.git;

import java.util.Objects;

/**
 * What {@link Git#clone} made.
 *
 * @param folder the repository's folder relative to {@code /work} ({@code ""} for /work itself);
 *     {@code ctx.git().at(folder)} works on it
 * @param branch the branch checked out
 * @param head the commit checked out
 */
public record CloneResult(String folder, String branch, String head) {

  public CloneResult {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(head, "head");
  }
}
