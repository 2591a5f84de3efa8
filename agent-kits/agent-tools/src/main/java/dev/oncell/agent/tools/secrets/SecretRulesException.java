package dev.oncell.agent.tools.secrets;

/**
 * A rule file that cannot be used: its message names the file, the line and the rule, so the
 * operator who wrote it can fix it. A rule set is parsed whole or not at all.
 */
public final class SecretRulesException extends IllegalArgumentException {

  /** For a caller that refuses a rule file before parsing it (too large, unreadable). */
  public SecretRulesException(String message) {
    super(message);
  }

  SecretRulesException(String message, Throwable cause) {
    super(message, cause);
  }
}
