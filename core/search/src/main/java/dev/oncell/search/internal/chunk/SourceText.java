package dev.oncell.search.internal.chunk;

import java.util.Arrays;

/**
 * A file's text as lines, with the maps between Java char offsets, UTF-8 byte offsets (what
 * tree-sitter reports) and 0-based rows.
 *
 * <p>Lines end at {@code \n} only, as tree-sitter counts rows; a {@code \r} before it belongs to
 * the line terminator. A final line without {@code \n} counts; the empty remainder after a final
 * {@code \n} does not.
 */
final class SourceText {

  private final String text;
  private final int lineCount;
  private final int[] lineStart; // char offset of each line, plus a sentinel
  private final int[] lineStartByte; // the same in UTF-8 bytes; == lineStart for ASCII text
  private final int[] crlfBefore; // \r\n line ends before each line; null if there are none
  private final boolean ascii;
  private final boolean needsSanitizing;

  SourceText(String text) {
    this.text = text;
    int n = text.length();
    int lines = 0;
    boolean asciiOnly = true;
    boolean sanitize = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        lines++;
      } else if (c >= 0x80) {
        asciiOnly = false;
        if (c >= 0xD800 || c == 0xFEFF) {
          sanitize = true; // surrogates, BOM, U+FFFE/U+FFFF: see parseable()
        }
      } else if (c == 0) {
        sanitize = true;
      }
    }
    if (n > 0 && text.charAt(n - 1) != '\n') {
      lines++;
    }
    this.lineCount = lines;
    this.ascii = asciiOnly;
    this.needsSanitizing = sanitize;
    this.lineStart = new int[lines + 1];
    int line = 0;
    for (int i = 0; i < n && line < lines - 1; i++) {
      if (text.charAt(i) == '\n') {
        lineStart[++line] = i + 1;
      }
    }
    // Sentinel: where a next line would start, so that lineEnd() of the last line needs no case.
    lineStart[lines] = n > 0 && text.charAt(n - 1) == '\n' ? n : n + 1;
    this.crlfBefore = text.indexOf('\r') < 0 ? null : new int[lines + 1];
    if (crlfBefore != null) {
      for (int row = 0; row < lines; row++) {
        int newline = lineStart[row + 1] - 1;
        boolean crlf = newline < n && newline > lineStart[row] && text.charAt(newline - 1) == '\r';
        crlfBefore[row + 1] = crlfBefore[row] + (crlf ? 1 : 0);
      }
    }
    if (asciiOnly) {
      this.lineStartByte = lineStart;
    } else {
      this.lineStartByte = new int[lines + 1];
      int bytes = 0;
      line = 0;
      for (int i = 0; i < n; i++) {
        if (line + 1 < lines && i == lineStart[line + 1]) {
          lineStartByte[++line] = bytes;
        }
        int len = utf8Length(text, i);
        bytes += len;
        if (len == 4) {
          i++;
        }
      }
      lineStartByte[lines] = bytes + 1;
    }
  }

  /** UTF-8 length of the code point at {@code i}; a lone surrogate counts as its replacement. */
  private static int utf8Length(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800) {
      return 2;
    }
    if (Character.isHighSurrogate(c)
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      return 4;
    }
    return 3;
  }

  String text() {
    return text;
  }

  int lineCount() {
    return lineCount;
  }

  /**
   * The size of lines {@code first..last} (0-based, inclusive) with their line ends, counting
   * {@code \r\n} as one character, so that a file chunks the same with either line end.
   */
  int chars(int first, int last) {
    return Math.min(lineStart[last + 1], text.length()) - lineStart[first] - crlfs(first, last + 1);
  }

  /** The size of {@link #lines}{@code (first, last)}, counting {@code \r\n} as one character. */
  int length(int first, int last) {
    return lineEnd(last) - lineStart[first] - crlfs(first, last);
  }

  private int crlfs(int first, int end) {
    return crlfBefore == null ? 0 : crlfBefore[end] - crlfBefore[first];
  }

  /** Length of line {@code row} without its terminator. */
  int lineLength(int row) {
    return lineEnd(row) - lineStart[row];
  }

  /** The file's text of lines {@code first..last}, without the last line's terminator. */
  String lines(int first, int last) {
    return text.substring(lineStart[first], lineEnd(last));
  }

  /** Part of line {@code row}, from char {@code from} to {@code to} of that line. */
  String linePart(int row, int from, int to) {
    return text.substring(lineStart[row] + from, lineStart[row] + to);
  }

  boolean isBlank(int row) {
    for (int i = lineStart[row], end = lineEnd(row); i < end; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The first char of line {@code row}, or a space for an empty line. */
  char firstChar(int row) {
    return lineEnd(row) > lineStart[row] ? text.charAt(lineStart[row]) : ' ';
  }

  private int lineEnd(int row) {
    int end = Math.min(lineStart[row + 1] - 1, text.length());
    if (end > lineStart[row] && text.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }

  /** The 0-based row holding UTF-8 byte offset {@code b}, clamped to the file. */
  int rowOfByte(int b) {
    if (lineCount == 0) {
      return 0;
    }
    int i = Arrays.binarySearch(lineStartByte, 0, lineCount, b);
    int row = i >= 0 ? i : -i - 2;
    return Math.clamp(row, 0, lineCount - 1);
  }

  /** The text between two UTF-8 byte offsets, which must lie on one line. */
  String textOfBytes(int startByte, int endByte) {
    int row = rowOfByte(startByte);
    int from = charOffset(row, startByte);
    int to = charOffset(row, endByte);
    return text.substring(from, Math.max(from, to));
  }

  private int charOffset(int row, int b) {
    int end = Math.min(lineStart[row + 1], text.length());
    if (ascii) {
      return Math.clamp(b, lineStart[row], end);
    }
    int bytes = lineStartByte[row];
    int i = lineStart[row];
    while (i < end && bytes < b) {
      int len = utf8Length(text, i);
      bytes += len;
      i += len == 4 ? 2 : 1;
    }
    return i;
  }

  /**
   * The text to hand to tree-sitter, with the same UTF-8 byte offsets as {@link #text()}: the
   * bonede bindings stop at NUL, drop U+FEFF, U+FFFE and U+FFFF, and reject lone surrogates, so
   * these become as many spaces as their UTF-8 bytes.
   */
  String parseable() {
    if (!needsSanitizing) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        sb.append(' ');
      } else if (c == 0xFEFF || c == 0xFFFE || c == 0xFFFF) {
        sb.append("   ");
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          sb.append(c).append(text.charAt(++i));
        } else {
          sb.append("   ");
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
