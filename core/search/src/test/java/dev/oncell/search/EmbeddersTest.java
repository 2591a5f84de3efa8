package dev.oncell.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddersTest {

  @Test
  void exactlyOneModelShipsAndItIsTheStandardOne() {
    assertThat(Embedders.names()).containsExactly(Embedders.STANDARD);
  }

  @Test
  void theStandardModelIsMiniLmWith384Dimensions() {
    try (Embedder embedder = Embedders.standard()) {
      assertThat(embedder.name()).isEqualTo("all-minilm-l6-v2");
      assertThat(embedder.dimension()).isEqualTo(384);
      assertThat(embedder.embed(List.of("hello"))).hasSize(1);
    }
  }

  @Test
  void aModelIsFoundByName() {
    try (Embedder embedder = Embedders.named("all-minilm-l6-v2")) {
      assertThat(embedder.name()).isEqualTo(Embedders.STANDARD);
    }
  }

  @Test
  void anUnknownNameIsAnInvalidRequestThatNamesTheKnownModels() {
    assertThatThrownBy(() -> Embedders.named("bge-small-en-v1.5"))
        .isInstanceOfSatisfying(
            SearchException.class,
            e -> {
              assertThat(e.invalid()).as("invalid").isTrue();
              assertThat(e.code()).as("code").isEqualTo("unknown_model");
            })
        .hasMessageContaining("bge-small-en-v1.5")
        .hasMessageContaining("known models: all-minilm-l6-v2");
  }
}
