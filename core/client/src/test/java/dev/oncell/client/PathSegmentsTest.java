package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathSegmentsTest {

  private static final String ALPHABET = "aZ09-._~ /?#%+&=:@!$'()*,;[]\"\\<>éü中🙂\t";

  @Test
  void segment_encodesEverythingButUnreservedCharacters() {
    assertThat(PathSegments.segment("key", "a b/c?d%e+f")).isEqualTo("a%20b%2Fc%3Fd%25e%2Bf");
    assertThat(PathSegments.segment("key", "Az09-._~")).isEqualTo("Az09-._~");
    assertThat(PathSegments.segment("key", "ü")).isEqualTo("%C3%BC");
  }

  @Test
  void path_keepsSeparatorsAndDropsLeadingOnes() {
    assertThat(PathSegments.path("//a b/c#d/")).isEqualTo("a%20b/c%23d/");
    assertThat(PathSegments.path("")).isEmpty();
    assertThat(PathSegments.path("/")).isEmpty();
  }

  @Test
  void randomStrings_roundTripThroughDecoding() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      StringBuilder value = new StringBuilder("x");
      int length = random.nextInt(20);
      for (int j = 0; j < length; j++) {
        value.appendCodePoint(
            ALPHABET
                .codePoints()
                .skip(random.nextInt((int) ALPHABET.codePoints().count()))
                .findFirst()
                .orElseThrow());
      }
      String encoded = PathSegments.segment("value", value.toString());
      assertThat(encoded)
          .as("seed %d (rerun with -Dtests.seed=%d): %s", seed, seed, value)
          .matches("[A-Za-z0-9\\-._~%]+");
      assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8))
          .as("seed %d (rerun with -Dtests.seed=%d)", seed, seed)
          .isEqualTo(value.toString());
    }
  }
}
