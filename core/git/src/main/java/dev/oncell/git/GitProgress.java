package dev.oncell.git;

/**
 * Receives the progress of a fetch ("Receiving objects", "Resolving deltas", ...). Called on the
 * thread doing the transfer, at most once per percent of a task (or per 1,000 units when the total
 * is unknown), so it may publish an event per call; it must not block for long.
 */
@FunctionalInterface
public interface GitProgress {

  /** Ignores everything. */
  GitProgress NONE = (task, done, total) -> {};

  /**
   * @param task the phase, as git names it
   * @param done units done so far
   * @param total units in the phase, or 0 when unknown
   */
  void update(String task, int done, int total);
}
