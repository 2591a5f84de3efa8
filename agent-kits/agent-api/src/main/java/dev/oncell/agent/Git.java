package dev.oncell.agent;

/** The cell's git repository under {@code /work}. Wired by the git issue. */
public interface Git {

  void clone(String url, String dest);

  void branch(String name);

  /** Commits everything staged and unstaged; returns the commit id. */
  String commit(String message);

  void push(String remote, String branch);
}
