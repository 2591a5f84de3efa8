package dev.oncell.sandbox;

/**
 * The root of this module's failures. {@link #retryable()} says whether trying again could help (a
 * transient resource shortage) or not (a missing binary, an invalid request).
 */
public class SandboxException extends RuntimeException {

  private final boolean retryable;

  public SandboxException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public SandboxException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
