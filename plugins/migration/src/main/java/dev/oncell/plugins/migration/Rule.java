package dev.oncell.plugins.migration;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rewrite of a recipe step: every match of {@code find} (a {@link Pattern}, multi-line mode:
 * {@code ^} and {@code $} at line ends) is replaced by {@code replace} ({@code $1} for a group).
 * Compiled once, when the catalogue is read: an invalid regex fails the catalogue naming the rule.
 */
record Rule(String find, String replace, Pattern pattern) {

  Rule {
    Objects.requireNonNull(find, "find");
    Objects.requireNonNull(replace, "replace");
    Objects.requireNonNull(pattern, "pattern");
  }

  static Rule of(String find, String replace, String where) {
    try {
      return new Rule(find, replace, Pattern.compile(find, Pattern.MULTILINE));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          where + ": the rule's find is not a valid regex: " + e.getDescription(), e);
    }
  }
}
