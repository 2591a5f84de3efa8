package dev.oncell.search.internal.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Embedder;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void nativeLibrariesGoUnderTheTemporaryFolderNotTheHomeFolder() {
    Path home = Path.of(System.getProperty("user.home"));
    assertThat(home.resolve(".djl.ai")).as("DJL's cache in the home folder").doesNotExist();
    assertThat(home.resolve(".cache/JNA")).as("JNA's cache in the home folder").doesNotExist();
    assertThat(Files.isDirectory(Path.of(System.getProperty("java.io.tmpdir"), "oncell-djl")))
        .as("the tokenizer's native library under java.io.tmpdir/oncell-djl")
        .isTrue();
  }
}
