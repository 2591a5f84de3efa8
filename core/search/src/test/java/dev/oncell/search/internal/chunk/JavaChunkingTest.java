package dev.oncell.search.internal.chunk;

import static dev.oncell.search.internal.chunk.ChunkChecks.assertWellFormed;
import static dev.oncell.search.internal.chunk.ChunkChecks.bySymbol;
import static dev.oncell.search.internal.chunk.ChunkChecks.chunker;
import static dev.oncell.search.internal.chunk.ChunkChecks.outline;
import static dev.oncell.search.internal.chunk.ChunkChecks.sample;
import static dev.oncell.search.internal.chunk.ChunkChecks.symbols;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Chunk;
import dev.oncell.search.Chunker;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaChunkingTest {

  private static final String PATH = "src/main/java/com/example/shop/orders/OrderService.java";

  @Test
  void chunksOfAClassWithNestedTypesFollowItsMembers() {
    String content = sample("OrderService.java");
    List<Chunk> chunks = Chunker.standard().chunk(PATH, content);

    assertThat(outline(chunks))
        .as("header with imports and fields; place alone; small members merged; nested types")
        .containsExactly(
            "class OrderService 1-29",
            "method OrderService.place 31-48",
            "method OrderService.find 50-66",
            "class OrderService.CancelledReport 68-80",
            "enum OrderService.Status 82-91");
    assertThat(chunks).allSatisfy(c -> assertThat(c.language()).isEqualTo("java"));
    assertThat(chunks).allSatisfy(c -> assertThat(c.path()).isEqualTo(PATH));
    assertWellFormed(content, chunks, StandardChunker.MAX_CHARS);
  }

  @Test
  void javadocAndAnnotationsBelongToTheirMethod() {
    List<Chunk> chunks = Chunker.standard().chunk(PATH, sample("OrderService.java"));

    Chunk place = bySymbol(chunks, "OrderService.place");
    assertThat(place.content()).as("javadoc first").startsWith("  /**\n   * Places an order");
    assertThat(place.content()).as("annotation inside").contains("@Timed(\"orders.place\")");
    assertThat(bySymbol(chunks, "OrderService").content())
        .as("class javadoc and annotations in the class header")
        .contains("Places and cancels orders", "@Service", "@Transactional");
  }

  @Test
  void symbolsAreQualifiedWithTheirEnclosingTypes() {
    List<Chunk> chunks = chunker(120).chunk(PATH, sample("OrderService.java"));

    assertThat(symbols(chunks))
        .containsExactly(
            "OrderService",
            "OrderService.OrderService",
            "OrderService.place",
            "OrderService.find",
            "OrderService.toString",
            "OrderService.Line",
            "OrderService.Line.Line",
            "OrderService.CancelledReport",
            "OrderService.CancelledReport.add",
            "OrderService.CancelledReport.count",
            "OrderService.Status",
            "OrderService.Status.isFinal");
    assertThat(bySymbol(chunks, "OrderService.OrderService").kind()).isEqualTo("constructor");
    assertThat(bySymbol(chunks, "OrderService.Line").kind()).isEqualTo("record");
    assertThat(bySymbol(chunks, "OrderService.Status").kind()).isEqualTo("enum");
    assertThat(bySymbol(chunks, "OrderService.Status.isFinal").kind()).isEqualTo("method");
    assertThat(chunks.getFirst().kind())
        .as("license, package and imports before the class")
        .isEqualTo("module");
    assertWellFormed(sample("OrderService.java"), chunks, 120);
  }

  @Test
  void interfaceAndAnnotationTypesHaveTheirKinds() {
    String content =
        """
        package p;

        /** Finds things. */
        public interface Finder {
          /** Finds one thing by a key that is long enough to make this method a chunk. */
          Object find(String key, int limit, boolean includeArchivedThingsAsWell);

          default Object first() {
            return find("", 1, false);
          }
        }

        @interface Marker {
          String value() default "";
        }
        """;
    List<Chunk> chunks = chunker(120).chunk("Finder.java", content);

    assertThat(bySymbol(chunks, "Finder").kind()).isEqualTo("interface");
    assertThat(bySymbol(chunks, "Finder.find").kind()).isEqualTo("method");
    assertThat(bySymbol(chunks, "Finder.first").kind()).isEqualTo("method");
    assertThat(bySymbol(chunks, "Marker").kind()).isEqualTo("annotation");
    assertWellFormed(content, chunks, 120);
  }
}
