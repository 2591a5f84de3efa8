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

class GoChunkingTest {

  @Test
  void smallDeclarationsMergeAndALargerFunctionStandsAlone() {
    String content = sample("server.go");
    List<Chunk> chunks = Chunker.standard().chunk("server/server.go", content);

    assertThat(outline(chunks)).containsExactly("type Store 1-54", "function ServeOrders 56-66");
    assertThat(chunks).allSatisfy(c -> assertThat(c.language()).isEqualTo("go"));
    assertThat(bySymbol(chunks, "ServeOrders").content())
        .as("doc comment included")
        .startsWith("// ServeOrders answers GET /orders/{id}.\nfunc ServeOrders");
    assertWellFormed(content, chunks, StandardChunker.MAX_CHARS);
  }

  @Test
  void methodsAreNamedAfterTheirReceiverWithoutThePointer() {
    List<Chunk> chunks = chunker(120).chunk("server.go", sample("server.go"));

    assertThat(symbols(chunks))
        .containsExactly(
            "Store",
            "Order",
            "Handler",
            "NewStore",
            "Store.Put",
            "Store.Get",
            "Order.String",
            "ServeOrders");
    assertThat(bySymbol(chunks, "Store").kind()).isEqualTo("type");
    assertThat(bySymbol(chunks, "Handler").kind()).isEqualTo("interface");
    assertThat(bySymbol(chunks, "NewStore").kind()).isEqualTo("function");
    assertThat(bySymbol(chunks, "Store.Put").kind()).isEqualTo("method");
    assertThat(bySymbol(chunks, "Store.Put").startLine()).as("doc comment").isEqualTo(37);
    assertWellFormed(sample("server.go"), chunks, 120);
  }

  @Test
  void genericReceivers() {
    String content =
        """
        package list

        // Push adds v at the end of the list, growing the backing array when it is full.
        func (l *List[T]) Push(v T) {
        \tl.items = append(l.items, v)
        }
        """;
    assertThat(symbols(chunker(120).chunk("list.go", content))).contains("List.Push");
  }
}
