package dev.oncell.git;

import java.util.Objects;

/**
 * The root of this module's failures: a stable {@link #code()} (such as {@code git_auth_failed})
 * and a {@link #kind()} that tells the caller how to answer. Messages name the remote by its URL
 * (which never holds a credential) and never contain a credential's token.
 *
 * <p>Codes: {@code invalid_repo_url}, {@code invalid_ref}, {@code invalid_refspec} (INVALID);
 * {@code egress_refused} (REFUSED); {@code git_auth_failed} (REFUSED); {@code git_not_found}
 * (NOT_FOUND); {@code git_unreachable} (UNAVAILABLE, retryable); {@code git_failed} (INTERNAL).
 */
public final class GitException extends RuntimeException {

  /** What went wrong, from the caller's point of view. */
  public enum Kind {
    /** The request is wrong (a URL, a ref name); repeating it cannot help. */
    INVALID,
    /** The remote or the egress rules refused it (a credential, an allow-list). */
    REFUSED,
    /** The repository or the ref does not exist. */
    NOT_FOUND,
    /** The remote cannot be reached now; the same request may succeed later. */
    UNAVAILABLE,
    /** Anything else: a protocol error, the mirror's disk. */
    INTERNAL
  }

  private final Kind kind;
  private final String code;

  public GitException(Kind kind, String code, String message) {
    this(kind, code, message, null);
  }

  public GitException(Kind kind, String code, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
  }

  static GitException invalid(String code, String message) {
    return new GitException(Kind.INVALID, code, message);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  /** Whether the same request may succeed if tried again later. */
  public boolean retryable() {
    return kind == Kind.UNAVAILABLE;
  }
}
