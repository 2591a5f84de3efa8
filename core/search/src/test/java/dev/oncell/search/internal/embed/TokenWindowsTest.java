package dev.oncell.search.internal.embed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenWindowsTest {

  private static HuggingFaceTokenizer tokenizer;

  @BeforeAll
  static void loadTokenizer() throws Exception {
    NativeFiles.keepUnderTmpdir();
    try (InputStream in =
        TokenWindowsTest.class
            .getClassLoader()
            .getResourceAsStream(ModelSpec.ALL_MINILM_L6_V2.tokenizerResource())) {
      tokenizer =
          HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
    }
  }

  @AfterAll
  static void closeTokenizer() {
    tokenizer.close();
  }

  @Test
  void aTextThatFitsIsOnePieceUnchanged() {
    String text = "  int add(int a, int b) { return a + b; }\n";
    List<TokenWindows.Piece> pieces = new TokenWindows(tokenizer, 50).split(text);
    assertThat(pieces).hasSize(1);
    assertThat(pieces.getFirst().text()).as("the piece is the text itself").isEqualTo(text);
    assertThat(pieces.getFirst().tokens()).as("word pieces of the text").isEqualTo(16);
  }

  @Test
  void aLongTextIsCutIntoPiecesThatFitAtWordBoundaries() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append("verifyAuthorizationToken").append(i).append("(request); ");
    }
    TokenWindows windows = new TokenWindows(tokenizer, 40);
    List<TokenWindows.Piece> pieces = windows.split(text.toString());
    assertThat(pieces).as("pieces of a text far longer than the window").hasSizeGreaterThan(10);
    int total = 0;
    for (TokenWindows.Piece piece : pieces) {
      assertThat(piece.tokens()).as("word pieces in %s", piece.text()).isBetween(1, 40);
      assertThat(tokenizer.encode(piece.text(), false, false).getTokens())
          .as("re-tokenized piece %s", piece.text())
          .hasSize(piece.tokens());
      assertThat(piece.text())
          .as("a piece starts at the start of a word")
          .matches("(?s)^(verify|\\(|\\)|;|request|\\d).*");
      total += piece.tokens();
    }
    assertThat(total)
        .as("the pieces hold every word piece of the text")
        .isEqualTo(tokenizer.encode(text.toString(), false, false).getTokens().length);
    assertThat(String.join(" ", pieces.stream().map(TokenWindows.Piece::text).toList()))
        .as("the pieces in order make up the text")
        .isEqualToIgnoringWhitespace(text.toString());
  }

  @Test
  void offsetsAreMappedPastCharactersOutsideTheBasicPlane() {
    String text = "\uD83D\uDE00 naïve 日本 ".repeat(30) + "tail";
    List<TokenWindows.Piece> pieces = new TokenWindows(tokenizer, 16).split(text);
    assertThat(pieces.getLast().text()).as("the last piece ends the text").endsWith("tail");
    assertThat(String.join(" ", pieces.stream().map(TokenWindows.Piece::text).toList()))
        .as("pieces of a text with emoji")
        .isEqualToIgnoringWhitespace(text);
  }

  @Test
  void aBlankTextHasNoPieces() {
    assertThat(new TokenWindows(tokenizer, 8).split(" \n\t ")).isEmpty();
  }

  @Test
  void theMiniLmTokenizerFileLosesItsPaddingAndTruncatesAt512() {
    byte[] json =
        ("{\"version\":\"1.0\",\"truncation\": {\"direction\":\"Right\",\"max_length\":128},"
                + "\"padding\": {\"strategy\": {\"Fixed\": 128}, \"pad_id\": 0},\"x\":{}}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(new String(ModelRuntime.forWindows(json), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"version\":\"1.0\",\"truncation\": {\"direction\": \"Right\", \"max_length\": 512,"
                + " \"strategy\": \"LongestFirst\", \"stride\": 0},\"padding\": null,\"x\":{}}");
  }
}
