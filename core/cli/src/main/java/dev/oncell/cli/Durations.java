package dev.oncell.cli;

import java.time.Duration;

/**
 * Durations as operators type them, in oncell's one grammar ({@link dev.oncell.agent.Durations}).
 */
final class Durations {

  private Durations() {}

  /**
   * @throws CliException (usage error) naming {@code what} and the accepted forms
   */
  static Duration parse(String what, String text) {
    try {
      return dev.oncell.agent.Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          dev.oncell.agent.Durations.message(what, text),
          "invalid_option",
          ErrorHandler.USAGE_ERROR);
    }
  }
}
