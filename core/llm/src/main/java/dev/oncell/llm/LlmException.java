package dev.oncell.llm;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;
import java.util.Objects;

/**
 * The root of this module's failures, in oncell's one {@link Failure} shape. {@link #code()} is a
 * stable reason such as {@code llm_auth_failed}; {@link #retryable()} says whether the same call
 * may succeed later (a rate limit, an outage) or never will as it stands (a bad key, an unknown
 * model, a broken config), and so decides the {@link #kind()}: {@link ErrorKind#UNAVAILABLE} or
 * {@link ErrorKind#INVALID}.
 *
 * <p>Messages never hold a secret: API keys are scrubbed from anything a provider sends back.
 */
public class LlmException extends RuntimeException implements Failure {

  /** The codes this module raises. */
  public static final String NOT_CONFIGURED = "llm_not_configured";

  public static final String CONFIG_INVALID = "llm_config_invalid";
  public static final String MISSING_SECRET = "llm_missing_secret";
  public static final String UNKNOWN_PROVIDER = "llm_unknown_provider";
  public static final String UNKNOWN_MODEL = "llm_unknown_model";
  public static final String AUTH_FAILED = "llm_auth_failed";
  public static final String RATE_LIMITED = "llm_rate_limited";
  public static final String UNAVAILABLE = "llm_unavailable";
  public static final String TIMEOUT = "llm_timeout";
  public static final String BAD_REQUEST = "llm_bad_request";
  public static final String INVALID_OUTPUT = "llm_invalid_output";
  public static final String FAILED = "llm_failed";
  public static final String CANCELLED = "llm_cancelled";

  private final String code;
  private final boolean retryable;

  public LlmException(String code, String message, boolean retryable) {
    this(code, message, retryable, null);
  }

  public LlmException(String code, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.retryable = retryable;
  }

  /** A failure that repeating the same call cannot fix. */
  public static LlmException terminal(String code, String message) {
    return new LlmException(code, message, false);
  }

  /**
   * {@link ErrorKind#UNAVAILABLE} when {@link #retryable()}, otherwise {@link ErrorKind#INVALID}.
   */
  @Override
  public ErrorKind kind() {
    return retryable ? ErrorKind.UNAVAILABLE : ErrorKind.INVALID;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
