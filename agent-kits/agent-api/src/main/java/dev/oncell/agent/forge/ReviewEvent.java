package dev.oncell.agent.forge;

/**
 * What a submitted review says about a pull request, as the forge records it next to the reviewer's
 * name (and, on GitHub and Gitea, as branch protection reads it).
 */
public enum ReviewEvent {
  /** Approve the pull request at the given head (GitHub, Gitea: a review; GitLab: an approval). */
  APPROVE,
  /** Ask for changes (GitHub, Gitea: a review; GitLab: withdraw this user's approval, if any). */
  REQUEST_CHANGES,
  /** Neither: a review that only comments (GitLab: the body as a note). */
  COMMENT
}
