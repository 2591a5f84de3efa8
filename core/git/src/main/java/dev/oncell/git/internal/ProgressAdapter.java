package dev.oncell.git.internal;

import dev.oncell.git.GitProgress;
import org.eclipse.jgit.lib.ProgressMonitor;

/** JGit's progress, reported at most once per percent (or per 1,000 units of an unknown total). */
final class ProgressAdapter implements ProgressMonitor {

  private final GitProgress target;
  private String task = "";
  private int total;
  private int done;
  private int lastReported = -1;

  ProgressAdapter(GitProgress target) {
    this.target = target;
  }

  @Override
  public void start(int totalTasks) {}

  @Override
  public void beginTask(String title, int totalWork) {
    task = title;
    total = totalWork == UNKNOWN ? 0 : totalWork;
    done = 0;
    lastReported = -1;
    report();
  }

  @Override
  public void update(int completed) {
    done += completed;
    int step = total > 0 ? (int) ((long) done * 100 / total) : done / 1000;
    if (step != lastReported) {
      report();
    }
  }

  private void report() {
    lastReported = total > 0 ? (int) ((long) done * 100 / total) : done / 1000;
    try {
      target.update(task, done, total);
    } catch (RuntimeException e) {
      // A broken listener must not break the transfer.
    }
  }

  @Override
  public void endTask() {
    report();
  }

  @Override
  public boolean isCancelled() {
    return Thread.currentThread().isInterrupted();
  }

  @Override
  public void showDuration(boolean enabled) {}
}
