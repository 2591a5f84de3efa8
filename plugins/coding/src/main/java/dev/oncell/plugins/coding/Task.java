package dev.oncell.plugins.coding;

/**
 * What {@code task} is asked to do.
 *
 * @param instruction the change, in words ("make add() add")
 * @param base the branch to start from and to open the pull request into; null for the branch the
 *     repository was cloned at
 * @param branch the branch to work on; null for the run's own ({@code oncell/coding/<run>})
 */
public record Task(String instruction, String base, String branch) {

  /** Refuses an input that cannot be worked on, before anything is changed. */
  void check() {
    if (instruction == null || instruction.isBlank()) {
      throw new IllegalArgumentException("task needs an instruction: the change to make, in words");
    }
    if (base != null && base.isBlank()) {
      throw new IllegalArgumentException("base must not be blank: leave it out for the cloned one");
    }
    if (branch != null && branch.isBlank()) {
      throw new IllegalArgumentException(
          "branch must not be blank: leave it out for the run's own");
    }
  }
}
