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

class PythonChunkingTest {

  @Test
  void chunksOfAModuleFollowItsFunctionsAndClasses() {
    String content = sample("inventory.py");
    List<Chunk> chunks = Chunker.standard().chunk("shop/inventory.py", content);

    assertThat(outline(chunks))
        .as("imports join retry, the bare class header __init__, __main__ the last method")
        .containsExactly(
            "function retry 1-27",
            "class StockItem 30-40",
            "constructor Inventory.__init__ 43-48",
            "method Inventory.reserve 50-57",
            "method Inventory.parse_sku 59-67");
    assertThat(chunks).allSatisfy(c -> assertThat(c.language()).isEqualTo("python"));
    assertWellFormed(content, chunks, StandardChunker.MAX_CHARS);
  }

  @Test
  void decoratorsAndCommentsBelongToTheirDefinition() {
    List<Chunk> chunks = Chunker.standard().chunk("inventory.py", sample("inventory.py"));

    Chunk reserve = bySymbol(chunks, "Inventory.reserve");
    assertThat(reserve.startLine()).as("the comment line above the decorator").isEqualTo(50);
    assertThat(reserve.content())
        .startsWith("    # Reservations are released by the nightly job.\n    @retry(times=3)\n");
    assertThat(bySymbol(chunks, "StockItem").content()).startsWith("@dataclass\nclass StockItem:");
  }

  @Test
  void methodsAreQualifiedWithTheirClass() {
    List<Chunk> chunks = chunker(120).chunk("inventory.py", sample("inventory.py"));

    assertThat(symbols(chunks))
        .containsExactly(
            "retry",
            "StockItem",
            "StockItem.available",
            "Inventory",
            "Inventory.__init__",
            "Inventory.reserve",
            "Inventory.parse_sku");
    assertThat(bySymbol(chunks, "retry").kind()).isEqualTo("function");
    assertThat(bySymbol(chunks, "Inventory.__init__").kind()).isEqualTo("constructor");
    assertThat(bySymbol(chunks, "StockItem.available").kind()).isEqualTo("method");
    assertThat(bySymbol(chunks, "StockItem.available").startLine())
        .as("@property included")
        .isEqualTo(38);
    assertThat(chunks.getLast().kind()).as("if __name__ == ...").isEqualTo("module");
    assertWellFormed(sample("inventory.py"), chunks, 120);
  }
}
