package dev.oncell.agent.git;

import java.util.List;
import java.util.Optional;

/**
 * The cell's git repository: {@code ctx.git()} works on {@code /work}, {@link #at} on a repository
 * in a sub-folder. Every call is one journaled step of the run: a resumed run gets the recorded
 * answer and does not run git again.
 *
 * <pre>{@code
 * Git git = ctx.git();
 * git.clone(ctx.config().path("repoUrl").asText(), CloneOptions.defaults());
 * git.createBranch(git.runBranch(), Optional.empty());
 * ctx.store().write("NOTES.md", notes);
 * git.addAll();
 * String commit = git.commit("Add notes", CommitOptions.defaults());
 * git.push("origin", git.runBranch(), PushOptions.defaults());
 * }</pre>
 *
 * <p>Local operations run the real {@code git} inside the cell's sandbox, with a fixed environment
 * (no system or global config, no pager, no prompts, no hooks, {@code LC_ALL=C}); clone, fetch and
 * push run on the host, with the customer's credential, which never enters the cell: remotes in the
 * cell's {@code .git/config} carry no secret.
 *
 * <p>Revisions ({@code ref} parameters) are branch or tag names, commit ids, {@code HEAD} and
 * suffixes such as {@code ~2} or {@code ^}; branch names follow {@code git check-ref-format}. A
 * name git would not accept fails with {@code invalid_ref} before anything runs; a revision that
 * names no commit with {@code git_unknown_ref}. Paths are relative to the repository's folder, and
 * an absolute path or one with {@code ..} fails with {@code invalid_path}. All codes are in {@link
 * GitCodes}; a failed call changes nothing.
 */
public interface Git {

  /**
   * Author and committer when neither the call nor the customer's config {@code git.author} names
   * one.
   */
  Person DEFAULT_IDENTITY = new Person("oncell agent", "agent@oncell.invalid");

  /** This repository's folder relative to {@code /work}: {@code ""} for /work itself. */
  String folder();

  /**
   * The repository in {@code folder}, relative to this one's folder (or an absolute path under
   * {@code /work}). Checks nothing yet: a call on a folder that is not the top of a repository
   * fails with {@code git_not_a_repository}.
   */
  Git at(String folder);

  /**
   * Clones {@code url} (https, through the cell's egress allow-list; the host adds the customer's
   * credential for that host) into {@link CloneOptions#into()}. Progress goes out as run events.
   * Fails with {@code invalid_url}, {@code egress_refused}, {@code git_auth_failed}, {@code
   * git_remote_not_found}, or {@code git_remote_unavailable} where the host has no remote git.
   */
  CloneResult clone(String url, CloneOptions options);

  /** {@link #clone(String, CloneOptions)} of the default branch into this folder. */
  default CloneResult clone(String url) {
    return clone(url, CloneOptions.defaults());
  }

  /**
   * Fetches {@code refspecs} from {@code remote} (a remote's name, such as {@code origin}); no
   * refspec means the remote's configured ones. Pull-request refs work as refspecs: {@code
   * pull/7/head:refs/pull/7/head} (GitHub, Gitea), {@code
   * merge-requests/7/head:refs/merge-requests/7/head} (GitLab).
   */
  FetchResult fetch(String remote, List<String> refspecs);

  /** {@link #fetch(String, List)} with the remote's configured refspecs. */
  default FetchResult fetch(String remote) {
    return fetch(remote, List.of());
  }

  /**
   * Pushes the local {@code branch} to the branch of the same name on {@code remote}. An outside
   * effect: journaled before it runs, and a resumed run asks the remote whether the branch is
   * already at the commit instead of pushing twice. Fails with {@code git_push_rejected} (with the
   * remote's head in the message) when the remote moved on.
   */
  PushResult push(String remote, String branch, PushOptions options);

  /** {@link #push(String, String, PushOptions)}, fast-forward only. */
  default PushResult push(String remote, String branch) {
    return push(remote, branch, PushOptions.defaults());
  }

  /**
   * Checks out {@code ref}: a branch (which becomes the current branch) or any other revision
   * (detached {@code HEAD}). Local changes that do not conflict are carried over; a checkout that
   * would overwrite them fails with {@code git_conflict} and changes nothing.
   */
  void checkout(String ref);

  /**
   * Creates branch {@code name} at {@code startPoint} (default {@code HEAD}) and checks it out.
   * Fails with {@code git_branch_exists} if it exists.
   */
  void createBranch(String name, Optional<String> startPoint);

  /** {@link #createBranch(String, Optional)} at {@code HEAD}. */
  default void createBranch(String name) {
    createBranch(name, Optional.empty());
  }

  /** The branch checked out; empty when {@code HEAD} is detached. */
  Optional<String> currentBranch();

  /** The commit checked out; {@code git_unknown_ref} in a repository without commits. */
  String head();

  /** Changed, staged and untracked files. */
  GitStatus status();

  /** The difference between two trees: see {@link DiffRequest}. */
  GitDiff diff(DiffRequest request);

  /** Changes in the working tree not yet added. */
  default GitDiff diff() {
    return diff(DiffRequest.workingTree());
  }

  /**
   * Stages these files or folders (new, changed or deleted); {@code git_unknown_path} if one
   * matches nothing.
   */
  void add(List<String> paths);

  /** Stages every change in the repository, new and deleted files included ({@code add -A}). */
  void addAll();

  /**
   * Commits what is staged; returns the new commit's id. {@code git_nothing_to_commit} when nothing
   * is staged (unless {@link CommitOptions#allowEmpty()}). See {@link CommitOptions} for author and
   * committer.
   */
  String commit(String message, CommitOptions options);

  /** {@link #commit(String, CommitOptions)} with the default identities. */
  default String commit(String message) {
    return commit(message, CommitOptions.defaults());
  }

  /** At most {@code max} (1 to 1,000) commits reachable from {@code ref}, newest first. */
  List<CommitInfo> log(String ref, int max);

  /**
   * The branch name for this run's work: {@code oncell/<agent>/<first 8 characters of the run id>}.
   * A run resumed after a crash gets the same name, so a retried task never makes a second branch.
   * Computed, not a step.
   */
  String runBranch();
}
