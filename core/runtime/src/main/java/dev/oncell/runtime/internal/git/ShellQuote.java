package dev.oncell.runtime.internal.git;

/**
 * The one way an argument enters a git command line: single-quoted for {@code bash -c}, so nothing
 * in it is expanded. A NUL cannot be passed to a command at all and is refused before this.
 */
final class ShellQuote {

  private ShellQuote() {}

  /** {@code value} as one shell word: {@code 'it'\''s'}. */
  static String quote(String value) {
    if (value.indexOf(0) >= 0) {
      throw new IllegalArgumentException("an argument cannot contain a NUL character");
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
