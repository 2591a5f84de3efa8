package dev.oncell.search.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextFilesTest {

  @Test
  void nulBytesAndInvalidUtf8AreBinary() {
    assertThat(TextFiles.decode(new byte[] {'a', 0, 'b'})).isEmpty();
    assertThat(TextFiles.decode(new byte[] {'a', (byte) 0xC3, (byte) 0x28})).isEmpty();
    assertThat(TextFiles.decode("héllo wörld".getBytes(StandardCharsets.UTF_8)))
        .contains("héllo wörld");
    assertThat(TextFiles.decode("plain".getBytes(StandardCharsets.UTF_8))).contains("plain");
  }

  @Test
  void hashesDifferWithContent() {
    assertThat(TextFiles.hash("a".getBytes()))
        .hasSize(32)
        .isNotEqualTo(TextFiles.hash("b".getBytes()));
  }
}
