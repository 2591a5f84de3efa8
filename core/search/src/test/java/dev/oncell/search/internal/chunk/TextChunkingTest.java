package dev.oncell.search.internal.chunk;

import static dev.oncell.search.internal.chunk.ChunkChecks.assertWellFormed;
import static dev.oncell.search.internal.chunk.ChunkChecks.chunker;
import static dev.oncell.search.internal.chunk.ChunkChecks.outline;
import static dev.oncell.search.internal.chunk.ChunkChecks.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Chunk;
import dev.oncell.search.Chunker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files that are not code: Markdown at headings, the rest in line windows. */
class TextChunkingTest {

  @Test
  void markdownIsCutAtHeadingsButNotInsideCodeFences() {
    String content = sample("guide.md");
    List<Chunk> chunks = chunker(120).chunk("docs/guide.md", content);

    assertThat(outline(chunks))
        .as("'# not a heading' is in a fenced block")
        .containsExactly(
            "section Shop guide 1-3",
            "section Install 5-12",
            "section Configure 14-16",
            "section Secrets 18-20");
    assertThat(chunks).allSatisfy(c -> assertThat(c.language()).isEqualTo("text"));
    assertWellFormed(content, chunks, 120);
  }

  @Test
  void smallMarkdownSectionsMergeUpToTheCap() {
    String content = sample("guide.md");
    List<Chunk> chunks = Chunker.standard().chunk("docs/guide.md", content);

    assertThat(outline(chunks)).containsExactly("section Shop guide 1-20");
  }

  @Test
  void yamlIsOneWindowWhenSmall() {
    String content = sample("config.yaml");
    List<Chunk> chunks = Chunker.standard().chunk("config.yaml", content);

    assertThat(outline(chunks)).containsExactly("lines - 1-14");
    assertThat(chunks.getFirst().language()).isEqualTo("text");
    assertThat(chunks.getFirst().content()).isEqualTo(content.stripTrailing());
  }

  @Test
  void windowsPreferToEndBeforeABlankLineOrATopLevelKey() {
    String content = sample("config.yaml");
    List<Chunk> chunks = chunker(120).chunk("config.yaml", content);

    assertThat(outline(chunks))
        .as("cut at the blank line 7")
        .containsExactly("lines - 1-6", "lines - 8-14");
    assertWellFormed(content, chunks, 120);
  }

  @Test
  void longTextIsCutIntoWindowsOfAtMostSixtyLines() {
    StringBuilder content = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      content.append("line ").append(i).append('\n');
    }
    List<Chunk> chunks = Chunker.standard().chunk("notes.txt", content.toString());

    assertThat(chunks).hasSizeGreaterThan(3);
    assertThat(chunks).allSatisfy(c -> assertThat(c.endLine() - c.startLine()).isLessThan(60));
    assertThat(chunks).allSatisfy(c -> assertThat(c.kind()).isEqualTo("lines"));
    assertThat(chunks).allSatisfy(c -> assertThat(c.symbol()).isEmpty());
    assertWellFormed(content.toString(), chunks, StandardChunker.MAX_CHARS);
  }

  @Test
  void buildFilesAndFilesWithoutExtensionAreText() {
    String makefile = "build:\n\tmvn -q verify\n";
    assertThat(outline(Chunker.standard().chunk("Makefile", makefile)))
        .containsExactly("lines - 1-2");
    String pom = "<project>\n  <modelVersion>4.0.0</modelVersion>\n</project>\n";
    List<Chunk> chunks = Chunker.standard().chunk("pom.xml", pom);
    assertThat(outline(chunks)).containsExactly("lines - 1-3");
    assertThat(chunks.getFirst().language()).isEqualTo("text");
    assertThat(Chunker.standard().chunk(".java", "class A {}\n").getFirst().language())
        .as("a dot file is no Java file")
        .isEqualTo("text");
  }

  @Test
  void legacyLineWindowEntryPointOffsetsLines() {
    List<Chunk> chunks = new LineWindowChunker(60, 1500).chunk("a.txt", "text", "a\nb\n", 10);

    assertThat(outline(chunks)).containsExactly("lines - 10-11");
    assertThat(chunks.getFirst().content()).isEqualTo("a\nb");
  }
}
