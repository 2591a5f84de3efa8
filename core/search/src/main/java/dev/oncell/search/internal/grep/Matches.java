package dev.oncell.search.internal.grep;

import dev.oncell.search.GrepMatch;
import java.nio.charset.StandardCharsets;

/**
 * Makes the {@link GrepMatch}es of the engine, with the text of a line cut to its first {@link
 * #MAX_LINE_CHARS} chars (as {@code rg --max-columns} does), so that a grep's answer stays bounded
 * whatever lines a file holds: at most the limit of lines, each at most this long.
 */
final class Matches {

  /** Longest line text returned. */
  static final int MAX_LINE_CHARS = 8_192;

  private Matches() {}

  static GrepMatch of(String path, int line, String text, int start, int end) {
    return new GrepMatch(path, line, text.substring(start, Math.min(end, start + MAX_LINE_CHARS)));
  }

  /** The line in UTF-8 {@code bytes[start, end)}, decoding no more than is returned. */
  static GrepMatch of(String path, int line, byte[] bytes, int start, int end) {
    int cut = end;
    if (end - start > MAX_LINE_CHARS) {
      cut = start + MAX_LINE_CHARS; // at least MAX_LINE_CHARS bytes hold at most as many chars
      while (cut > start && (bytes[cut] & 0xC0) == 0x80) {
        cut--; // not inside a multi-byte char
      }
    }
    return new GrepMatch(path, line, new String(bytes, start, cut - start, StandardCharsets.UTF_8));
  }
}
