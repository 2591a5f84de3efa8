package dev.oncell.search.internal.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Embedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped model, all-MiniLM-L6-v2, through LangChain4j and onnxruntime. */
class OnnxEmbedderTest extends EmbedderContract {

  @Override
  protected Embedder open() {
    return OnnxEmbedder.open(ModelSpec.ALL_MINILM_L6_V2, 2);
  }

  @Test
  void isNamedAfterTheModelWith384Dimensions() {
    assertThat(embedder.name()).isEqualTo("all-minilm-l6-v2");
    assertThat(embedder.dimension()).isEqualTo(384);
  }

  @Test
  void aWindowIsReadWholeNotCutAt128TokensByTheTokenizerFile() {
    // Regression: the tokenizer file of this model pads and truncates to 128 tokens, and
    // LangChain4j
    // read only the first 128 tokens of every window, whatever its size.
    String head =
        "parse the bearer token and check the user name before calling the service ".repeat(16);
    try (OnnxEmbedder wide =
        OnnxEmbedder.open(ModelSpec.ALL_MINILM_L6_V2.withWindowTokens(512), 1)) {
      List<float[]> vectors =
          wide.embed(List.of(head + "split the CSV line", head + "render the HTML template"));
      assertThat(dot(vectors.get(0), vectors.get(1)))
          .as("texts that differ only after token 200 of one window")
          .isLessThan(0.9999);
    }
  }

  @Test
  void nativeLibrariesGoUnderTheTemporaryFolderNotTheHomeFolder() {
    Path home = Path.of(System.getProperty("user.home"));
    assertThat(home.resolve(".djl.ai")).as("DJL's cache in the home folder").doesNotExist();
    assertThat(home.resolve(".cache/JNA")).as("JNA's cache in the home folder").doesNotExist();
    assertThat(Files.isDirectory(Path.of(System.getProperty("java.io.tmpdir"), "oncell-djl")))
        .as("the tokenizer's native library under java.io.tmpdir/oncell-djl")
        .isTrue();
  }
}
