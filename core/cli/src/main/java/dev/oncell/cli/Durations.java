package dev.oncell.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators type them: {@code 500ms}, {@code 90s}, {@code 30m}, {@code 2h}, ISO-8601.
 */
final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * @throws CliException (usage error) naming {@code what} and the accepted forms
   */
  static Duration parse(String what, String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new CliException(
          what + " must look like 90s, 30m, 2h or PT30M, not '" + text + "'",
          "invalid_option",
          ErrorHandler.USAGE_ERROR);
    }
  }
}
