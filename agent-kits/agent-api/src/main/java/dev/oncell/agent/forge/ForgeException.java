package dev.oncell.agent.forge;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Every failure of a {@link Forge}. {@link #code()} is stable; {@link #retryable()} says whether
 * the same call may succeed later ({@code forge_rate_limited}, {@code forge_unavailable}). {@link
 * #status()} is the forge's HTTP status when it answered. Messages never hold a token.
 */
public class ForgeException extends RuntimeException {

  /** The forge refused the token (401). */
  public static final String AUTH_FAILED = "forge_auth_failed";

  /** The token is valid but lacks a permission (403). */
  public static final String FORBIDDEN = "forge_forbidden";

  /** No such repository or pull request, or the token cannot see it. */
  public static final String NOT_FOUND = "forge_not_found";

  /** The forge kept answering 429 (or a rate-limit 403) through the retries. Retryable. */
  public static final String RATE_LIMITED = "forge_rate_limited";

  /** The forge kept answering 5xx, timing out or dropping the connection. Retryable. */
  public static final String UNAVAILABLE = "forge_unavailable";

  /** The request is invalid: refused by the forge (400, 409, 422) or before anything was sent. */
  public static final String INVALID = "forge_invalid";

  /** The forge's implementation does not offer this call (a plugin written before it existed). */
  public static final String UNSUPPORTED = "forge_unsupported";

  /** A repository URL that names no repository of a forge. */
  public static final String INVALID_REPO_URL = "invalid_repo_url";

  private final String code;
  private final int status;

  public ForgeException(String code, String message) {
    this(code, message, 0, null);
  }

  /**
   * @param status the forge's HTTP status, or 0 when it gave none
   */
  public ForgeException(String code, String message, int status, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.status = status;
  }

  public String code() {
    return code;
  }

  /** The HTTP status the forge answered, if the failure came from an answer. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** Whether the same call may succeed if tried again later. */
  public boolean retryable() {
    return code.equals(RATE_LIMITED) || code.equals(UNAVAILABLE);
  }
}
