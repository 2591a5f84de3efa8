package dev.oncell.agent;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way oncell reads a duration, wherever one is written: {@code @AgentMethod(timeout)}, CLI
 * flags, {@code oncell.yaml} and the HTTP API. A whole number with a unit ({@code 500ms}, {@code
 * 90s}, {@code 30m}, {@code 2h}, {@code 7d}; a bare number is seconds), or ISO-8601 ({@code PT30M},
 * {@code P2D}); case and surrounding blanks do not matter.
 */
public final class Durations {

  /** The accepted forms, as every error message names them. */
  public static final String FORMS =
      "90s, 30m, 2h, 7d, 500ms or an ISO-8601 duration such as PT30M";

  private static final Pattern SHORT = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h|d)?");

  private Durations() {}

  /**
   * Reads {@code text}.
   *
   * @throws IllegalArgumentException with {@link #message} for {@code "duration"} when it is none
   *     of the forms
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(value);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(message("duration", text), e);
    }
  }

  /** The one error message: {@code <what> must look like 90s, 30m, ... not '<text>'}. */
  public static String message(String what, String text) {
    return what + " must look like " + FORMS + ", not '" + text + "'";
  }
}
