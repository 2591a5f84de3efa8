package dev.oncell.search.internal.chunk;

import static dev.oncell.search.internal.chunk.ChunkChecks.assertWellFormed;
import static dev.oncell.search.internal.chunk.ChunkChecks.bySymbol;
import static dev.oncell.search.internal.chunk.ChunkChecks.symbols;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Chunk;
import dev.oncell.search.Chunker;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The size cap: large nodes split at child boundaries, small siblings merged. */
class SplittingTest {

  private static final int CAP = StandardChunker.MAX_CHARS;
  private final Chunker chunker = Chunker.standard();

  /** A method of about 330 characters: too large to share a chunk. */
  private static String method(int i) {
    return """
          /** Computes the %1$dth figure of the report from the rows it is given. */
          public long figure%1$d(List<Row> rows) {
            long sum = 0;
            for (Row row : rows) {
              sum += row.amount() * %1$d + row.fee() - row.discount();
            }
            return sum / Math.max(1, rows.size());
          }

        """
        .formatted(i);
  }

  @Test
  void aBigClassIsSplitIntoItsMethods() {
    String content =
        "package p;\n\nimport java.util.List;\n\n/** Figures. */\npublic class Report {\n\n"
            + "  private final int scale = 1;\n\n"
            + IntStream.range(0, 40).mapToObj(SplittingTest::method).collect(Collectors.joining())
            + "}\n";
    List<Chunk> chunks = chunker.chunk("Report.java", content);

    assertThat(chunks.getFirst().symbol())
        .as("a class header of a few short lines joins the first method")
        .contains("Report.figure0");
    assertThat(chunks.getFirst().content())
        .contains("import java.util.List;", "public class Report {", "private final int scale");
    for (int i = 1; i < 40; i++) {
      Chunk chunk = bySymbol(chunks, "Report.figure" + i);
      assertThat(chunk.kind()).isEqualTo("method");
      assertThat(chunk.content())
          .as("javadoc included")
          .startsWith("  /** Computes the " + i + "th");
    }
    assertThat(chunks).hasSize(40);
    assertWellFormed(content, chunks, CAP);
  }

  @Test
  void nestedClassesAreSplitAndQualified() {
    String content =
        "class Outer {\n  static class Inner {\n"
            + IntStream.range(0, 6).mapToObj(SplittingTest::method).collect(Collectors.joining())
            + "  }\n\n"
            + method(99)
            + "}\n";
    List<Chunk> chunks = chunker.chunk("Outer.java", content);

    assertThat(symbols(chunks))
        .containsExactly(
            "Outer.Inner.figure0",
            "Outer.Inner.figure1",
            "Outer.Inner.figure2",
            "Outer.Inner.figure3",
            "Outer.Inner.figure4",
            "Outer.Inner.figure5",
            "Outer.figure99");
    assertThat(chunks.getFirst().content())
        .as("the bare headers of Outer and Inner join the first method")
        .startsWith("class Outer {\n  static class Inner {\n  /** Computes the 0th");
    assertWellFormed(content, chunks, CAP);
  }

  @Test
  void aHugeFunctionIsSplitAtStatementsKeepingItsSymbol() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      body.append("    if (rows.size() > ")
          .append(i)
          .append(") {\n")
          .append("      total += rows.get(")
          .append(i)
          .append(").amount();\n")
          .append("    }\n");
    }
    String content =
        "class Totals {\n  /** Adds it all up. */\n  long total(List<Row> rows) {\n    long total = 0;\n"
            + body
            + "    return total;\n  }\n}\n";
    List<Chunk> chunks = chunker.chunk("Totals.java", content);

    List<Chunk> parts =
        chunks.stream()
            .filter(c -> c.symbol().equals(java.util.Optional.of("Totals.total")))
            .toList();
    assertThat(parts).hasSizeGreaterThan(4);
    assertThat(parts).allSatisfy(c -> assertThat(c.kind()).isEqualTo("method"));
    assertThat(parts.getFirst().content())
        .contains("/** Adds it all up. */", "long total(List<Row> rows) {");
    assertThat(parts.subList(1, parts.size()))
        .as("every later part starts at a statement, not inside an if block")
        .allSatisfy(c -> assertThat(c.content()).startsWith("    if (rows.size() > "));
    assertThat(parts.getLast().content()).endsWith("    return total;\n  }\n}");
    assertWellFormed(content, chunks, CAP);
  }

  @Test
  void aHugePythonFunctionIsSplitAtStatements() {
    StringBuilder content = new StringBuilder("def load(rows):\n    \"\"\"Loads rows.\"\"\"\n");
    for (int i = 0; i < 120; i++) {
      content
          .append("    if len(rows) > ")
          .append(i)
          .append(":\n")
          .append("        store.put(rows[")
          .append(i)
          .append("])\n");
    }
    List<Chunk> chunks = chunker.chunk("load.py", content.toString());

    assertThat(chunks).hasSizeGreaterThan(3);
    assertThat(chunks).allSatisfy(c -> assertThat(c.symbol()).contains("load"));
    assertThat(chunks.subList(1, chunks.size()))
        .allSatisfy(c -> assertThat(c.content()).startsWith("    if len(rows) > "));
    assertWellFormed(content.toString(), chunks, CAP);
  }

  @Test
  void aHugeGoFunctionAndAHugeArrowFunctionAreSplitToo() {
    StringBuilder go = new StringBuilder("package p\n\nfunc (s *Server) Routes() {\n");
    StringBuilder ts = new StringBuilder("export const routes = (app: App) => {\n");
    for (int i = 0; i < 100; i++) {
      go.append("\ts.mux.HandleFunc(\"/route/")
          .append(i)
          .append("\", s.handle")
          .append(i)
          .append(")\n");
      ts.append("  app.get(\"/route/")
          .append(i)
          .append("\", handlers.route")
          .append(i)
          .append(");\n");
    }
    go.append("}\n");
    ts.append("};\n");

    List<Chunk> goChunks = chunker.chunk("routes.go", go.toString());
    assertThat(goChunks).hasSizeGreaterThanOrEqualTo(3);
    assertThat(goChunks).allSatisfy(c -> assertThat(c.symbol()).contains("Server.Routes"));
    assertWellFormed(go.toString(), goChunks, CAP);

    List<Chunk> tsChunks = chunker.chunk("routes.ts", ts.toString());
    assertThat(tsChunks).hasSizeGreaterThanOrEqualTo(3);
    assertThat(tsChunks).allSatisfy(c -> assertThat(c.symbol()).contains("routes"));
    assertThat(tsChunks).allSatisfy(c -> assertThat(c.kind()).isEqualTo("function"));
    assertWellFormed(ts.toString(), tsChunks, CAP);
  }

  @Test
  void smallSiblingsMergeUpToTheCapUnderTheFirstSymbol() {
    StringBuilder content = new StringBuilder("public class Point {\n");
    for (int i = 0; i < 150; i++) {
      content
          .append("  public int getF")
          .append(i)
          .append("() {\n    return f")
          .append(i)
          .append(";\n  }\n\n");
    }
    content.append("}\n");
    List<Chunk> chunks = chunker.chunk("Point.java", content.toString());

    assertThat(chunks).hasSizeBetween(5, 7);
    assertThat(chunks.getFirst().content())
        .as("a bare class header joins the first getter")
        .startsWith("public class Point {\n  public int getF0()");
    for (Chunk chunk : chunks) {
      String first =
          chunk.content().lines().filter(l -> l.contains(" get")).findFirst().orElseThrow();
      String getter = first.substring(first.indexOf("get"), first.indexOf('('));
      assertThat(chunk.symbol())
          .as("a merged chunk is named after its first getter")
          .contains("Point." + getter);
      assertThat(chunk.content().length()).isGreaterThan(CAP / 2);
    }
    assertWellFormed(content.toString(), chunks, CAP);
  }

  @Test
  void definitionsThatAreNotSmallKeepAChunkToThemselves() {
    String content = "class Pair {\n" + method(1) + method(2) + method(3) + "}\n";
    List<Chunk> chunks = chunker.chunk("Pair.java", content);

    assertThat(ChunkChecks.outline(chunks))
        .as("three methods of ~330 chars would fit in one chunk, but stay apart")
        .containsExactly(
            "method Pair.figure1 1-9", "method Pair.figure2 11-18", "method Pair.figure3 20-29");
  }

  @Test
  void aLineTooLongForTheCapIsCutIntoSlicesOfTheSameLine() {
    String longLine = "    String blob = \"" + "x".repeat(4000) + "\";";
    String content = "class Blob {\n  void load() {\n" + longLine + "\n    use(blob);\n  }\n}\n";
    List<Chunk> chunks = chunker.chunk("Blob.java", content);

    List<Chunk> slices =
        chunks.stream().filter(c -> c.startLine() == 3 && c.endLine() == 3).toList();
    assertThat(slices).hasSize(3);
    assertThat(slices.stream().map(Chunk::content).collect(Collectors.joining()))
        .isEqualTo(longLine);
    assertThat(slices).allSatisfy(c -> assertThat(c.symbol()).contains("Blob.load"));
    assertWellFormed(content, chunks, CAP);
  }

  @Test
  void aHugeTopLevelCallIsSplitAsModuleCode() {
    StringBuilder content = new StringBuilder("describe('orders', () => {\n");
    for (int i = 0; i < 40; i++) {
      content
          .append("  it('places order ")
          .append(i)
          .append("', async () => {\n")
          .append("    const order = await place(")
          .append(i)
          .append(");\n")
          .append("    expect(order.total).toBe(")
          .append(i * 10)
          .append(");\n")
          .append("  });\n\n");
    }
    content.append("});\n");
    List<Chunk> chunks = chunker.chunk("orders.test.js", content.toString());

    assertThat(chunks).hasSizeGreaterThan(3);
    assertThat(chunks).allSatisfy(c -> assertThat(c.kind()).isEqualTo("module"));
    assertThat(chunks.subList(1, chunks.size()))
        .as("cut between it(...) blocks")
        .allSatisfy(c -> assertThat(c.content()).startsWith("  it('places order "));
    assertWellFormed(content.toString(), chunks, CAP);
  }

  @Test
  void aHugeArrayLiteralIsSplitAtItsElements() {
    String content =
        "export const ZIP_CODES = [\n"
            + IntStream.range(0, 3000)
                .mapToObj(i -> "  \"" + (10000 + i) + "\",\n")
                .collect(Collectors.joining())
            + "];\n";
    List<Chunk> chunks = chunker.chunk("zips.js", content);

    assertThat(chunks).hasSizeGreaterThan(20);
    assertWellFormed(content, chunks, CAP);
  }
}
