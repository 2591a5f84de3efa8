package dev.oncell.agent.git;

/**
 * The stable codes of {@link Git}'s failures (each failure is a {@link dev.oncell.agent.Failure}),
 * so an agent can tell "nothing to commit" from a real problem without parsing messages.
 */
public final class GitCodes {

  /** A branch or revision name that git would not accept (INVALID). */
  public static final String INVALID_REF = "invalid_ref";

  /** A path that is absolute, leaves the repository ({@code ..}) or is empty (INVALID). */
  public static final String INVALID_PATH = "invalid_path";

  /** A revision that names no commit in the repository (NOT_FOUND). */
  public static final String UNKNOWN_REF = "git_unknown_ref";

  /** An author, committer or co-author git cannot write (INVALID): see {@link Person}. */
  public static final String INVALID_IDENTITY = "invalid_identity";

  /** A path given to {@link Git#add} that matches no file (NOT_FOUND). */
  public static final String UNKNOWN_PATH = "git_unknown_path";

  /** The folder is not the top of a git repository (NOT_FOUND). */
  public static final String NOT_A_REPOSITORY = "git_not_a_repository";

  /** {@link Git#commit} with nothing staged and without {@code allowEmpty} (CONFLICT). */
  public static final String NOTHING_TO_COMMIT = "git_nothing_to_commit";

  /** A checkout that would overwrite local changes (CONFLICT); nothing was changed. */
  public static final String CONFLICT = "git_conflict";

  /** {@link Git#createBranch} of a branch that already exists (CONFLICT). */
  public static final String BRANCH_EXISTS = "git_branch_exists";

  /** An answer of git larger than the cell's output cap (TOO_LARGE); narrow the request. */
  public static final String OUTPUT_TOO_LARGE = "git_output_too_large";

  /** Clone, fetch or push are not available on this host (INVALID: trying again cannot help). */
  public static final String REMOTE_UNAVAILABLE = "git_remote_unavailable";

  /** git failed for another reason; the message carries the first lines of git's error. */
  public static final String FAILED = "git_failed";

  private GitCodes() {}
}
