package dev.oncell.plugins.security.deps;

/** A lock file or manifest that cannot be read; its message is the report's "skipped" reason. */
final class LockfileException extends RuntimeException {

  LockfileException(String message) {
    super(message);
  }

  LockfileException(String message, Throwable cause) {
    super(message, cause);
  }
}
