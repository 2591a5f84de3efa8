package dev.oncell.plugins.security.code;

/** A code rule file that cannot be used; the message names the file and the rule. */
public final class CodeRuleException extends RuntimeException {
  CodeRuleException(String message) {
    super(message);
  }
}
