package dev.oncell.search.internal.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceTextTest {

  @Test
  void linesEndAtNewlinesAndALastLineWithoutOneCounts() {
    assertThat(new SourceText("").lineCount()).isZero();
    assertThat(new SourceText("\n").lineCount()).isEqualTo(1);
    assertThat(new SourceText("a").lineCount()).isEqualTo(1);
    assertThat(new SourceText("a\nb").lineCount()).isEqualTo(2);
    assertThat(new SourceText("a\nb\n").lineCount()).isEqualTo(2);
    SourceText text = new SourceText("one\r\ntwo\n\nfour");
    assertThat(text.lines(0, 0)).isEqualTo("one");
    assertThat(text.lines(0, 1)).isEqualTo("one\r\ntwo");
    assertThat(text.lines(3, 3)).isEqualTo("four");
    assertThat(text.isBlank(2)).isTrue();
    assertThat(text.chars(0, 0)).as("\\r\\n counts as one").isEqualTo(4);
    assertThat(text.length(0, 1)).isEqualTo(7);
  }

  @Test
  void byteOffsetsMapToRowsAndTextAcrossMultiByteCharacters() {
    String content = "é😀 = 1\n中文 = 名前\nx";
    SourceText text = new SourceText(content);
    byte[] utf8 = content.getBytes(StandardCharsets.UTF_8);
    int second = indexOf(utf8, "中文".getBytes(StandardCharsets.UTF_8));
    int name = indexOf(utf8, "名前".getBytes(StandardCharsets.UTF_8));

    assertThat(text.rowOfByte(0)).isZero();
    assertThat(text.rowOfByte(second)).isEqualTo(1);
    assertThat(text.rowOfByte(utf8.length - 1)).isEqualTo(2);
    assertThat(text.textOfBytes(name, name + 6)).isEqualTo("名前");
    assertThat(text.textOfBytes(0, 6)).isEqualTo("é😀");
  }

  @Test
  void parseableTextHasTheSameUtf8LengthWithoutWhatTheBindingsMishandle() {
    String content = "\uFEFFa\0b\uD800c\uFFFF😀";
    String parseable = new SourceText(content).parseable();

    assertThat(parseable).doesNotContain("\0", "\uFEFF", "\uFFFF");
    assertThat(parseable.getBytes(StandardCharsets.UTF_8).length)
        .isEqualTo(3 + 1 + 1 + 1 + 3 + 1 + 3 + 4);
    assertThat(parseable).endsWith("😀");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
