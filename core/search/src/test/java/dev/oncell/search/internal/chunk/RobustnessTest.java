package dev.oncell.search.internal.chunk;

import static dev.oncell.search.internal.chunk.ChunkChecks.assertWellFormed;
import static dev.oncell.search.internal.chunk.ChunkChecks.bySymbol;
import static dev.oncell.search.internal.chunk.ChunkChecks.chunker;
import static dev.oncell.search.internal.chunk.ChunkChecks.outline;
import static dev.oncell.search.internal.chunk.ChunkChecks.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Chunk;
import dev.oncell.search.Chunker;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Content the parser cannot make sense of, and text that trips up offsets. */
class RobustnessTest {

  private static final int CAP = StandardChunker.MAX_CHARS;
  private static final List<String> SAMPLES =
      List.of(
          "OrderService.java",
          "inventory.py",
          "auth.ts",
          "Button.tsx",
          "router.js",
          "server.go",
          "guide.md",
          "config.yaml");
  private final Chunker chunker = Chunker.standard();

  @Test
  void garbageFallsBackToLineWindows() {
    String garbage =
        IntStream.range(0, 80)
            .mapToObj(i -> "}}} ))) <<< " + i + " ::: @@@ {{ ((( '\" #### ;;")
            .collect(Collectors.joining("\n"));
    for (String path : List.of("a.java", "a.py", "a.ts", "a.tsx", "a.js", "a.go")) {
      List<Chunk> chunks = chunker.chunk(path, garbage);
      assertThat(chunks).as(path).isNotEmpty();
      assertThat(chunks).as(path).allSatisfy(c -> assertThat(c.kind()).isEqualTo("lines"));
      assertWellFormed(garbage, chunks, CAP);
    }
  }

  @Test
  void aBrokenMethodLeavesTheOthersIntact() {
    String content =
        sample("OrderService.java")
            .replace("repository.save(order);", "repository.save(order +* );");
    List<Chunk> chunks = chunker(120).chunk("OrderService.java", content);

    assertThat(ChunkChecks.symbols(chunks))
        .contains(
            "OrderService.find", "OrderService.CancelledReport.add", "OrderService.Status.isFinal");
    assertWellFormed(content, chunks, 120);
  }

  @Test
  void emptyAndBlankFilesHaveNoChunks() {
    for (String path : List.of("a.java", "a.py", "a.ts", "a.go", "a.md", "a.yaml", "a.txt")) {
      assertThat(chunker.chunk(path, "")).as(path).isEmpty();
      assertThat(chunker.chunk(path, "\n\n   \n\t\n")).as(path).isEmpty();
      assertThat(chunker.chunk(path, "\r\n\r\n")).as(path).isEmpty();
    }
  }

  @Test
  void oneHugeLineIsCutIntoSlices() {
    String minified =
        IntStream.range(0, 3000)
            .mapToObj(i -> "function f" + i + "(a){return a+" + i + "}")
            .collect(Collectors.joining(";"));
    List<Chunk> chunks = chunker.chunk("bundle.min.js", minified);

    assertThat(chunks).hasSizeGreaterThan(minified.length() / CAP);
    assertThat(chunks).allSatisfy(c -> assertThat(c.startLine()).isEqualTo(1));
    assertThat(chunks).allSatisfy(c -> assertThat(c.endLine()).isEqualTo(1));
    assertThat(chunks.stream().map(Chunk::content).collect(Collectors.joining()))
        .isEqualTo(minified);
    assertWellFormed(minified, chunks, CAP);
  }

  @Test
  void crlfFilesHaveTheSameLinesAsLfFiles() {
    for (String name : SAMPLES) {
      String lf = sample(name);
      String crlf = lf.replace("\n", "\r\n");
      List<Chunk> expected = Chunker.standard().chunk(name, lf);
      List<Chunk> actual = Chunker.standard().chunk(name, crlf);

      assertThat(outline(actual)).as(name).isEqualTo(outline(expected));
      for (int i = 0; i < actual.size(); i++) {
        assertThat(actual.get(i).content())
            .as("%s: the file's own text, \\r\\n inside", name)
            .isEqualTo(expected.get(i).content().replace("\n", "\r\n"));
      }
      assertWellFormed(crlf, actual, CAP);
      assertThat(outline(chunker(120).chunk(name, crlf)))
          .as("%s: \\r\\n counts as one character when sizing", name)
          .isEqualTo(outline(chunker(120).chunk(name, lf)));
      assertWellFormed(crlf, chunker(120).chunk(name, crlf), 120);
    }
  }

  @Test
  void multiByteTextKeepsLineNumbersAndNames() {
    String content =
        """
        // Größenangaben für 中文 und 😀 vor den Definitionen: UTF-8 bytes ≠ Java chars.
        class Größe {
          /** 😀😀😀 über ∑ */
          int zählen(String 名前) {
            String s = "emoji 👍🏽 und é und 中";
            return s.length() + 名前.length() + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9;
          }

          int länge() {
            return "ñ😀".length() + "long enough to stand alone as a chunk".length();
          }
        }
        """;
    List<Chunk> chunks = chunker(400).chunk("Größe.java", content);

    assertThat(bySymbol(chunks, "Größe.zählen").startLine()).isEqualTo(3);
    assertThat(bySymbol(chunks, "Größe.zählen").endLine()).isEqualTo(7);
    assertThat(bySymbol(chunks, "Größe.länge").startLine()).isEqualTo(9);
    assertWellFormed(content, chunks, 400);

    String python =
        "# é 中 😀\nclass Ünïcode:\n    def naïve(self):\n        return '😀' * 100\n\n    def 名前(self):\n        return 'x' * 100\n";
    List<Chunk> pyChunks = chunker(60).chunk("u.py", python);
    assertThat(bySymbol(pyChunks, "Ünïcode.naïve").startLine()).isEqualTo(3);
    assertThat(bySymbol(pyChunks, "Ünïcode.名前").startLine()).isEqualTo(6);
    assertWellFormed(python, pyChunks, 60);
  }

  @Test
  void charactersTheBindingsMishandleDoNotShiftOffsets() {
    // The bindings stop at NUL, drop U+FEFF/U+FFFE/U+FFFF and reject lone surrogates.
    String content =
        "\uFEFFpackage p;\n\nclass A {\n  String nul = \"a\0b\";\n  String odd = \"\uFFFF\uFFFE\uD800x\uDC00\";\n\n"
            + "  void after() {\n    System.out.println(\"still parsed, still named right afterwards\");\n  }\n}\n";
    List<Chunk> chunks = chunker(120).chunk("A.java", content);

    assertThat(bySymbol(chunks, "A.after").startLine()).isEqualTo(7);
    assertWellFormed(content, chunks, 120);
  }

  @Test
  void deeplyNestedCodeIsCutWithoutDeepRecursion() {
    StringBuilder nested = new StringBuilder("const data = ");
    for (int i = 0; i < 5000; i++) {
      nested.append("[\n").append(i).append(",\n");
    }
    nested.append("0\n").append("]\n".repeat(5000)).append(";\n");
    String content = nested.toString();
    List<Chunk> chunks = chunker.chunk("nested.js", content);

    assertThat(chunks).hasSizeGreaterThan(content.length() / CAP);
    assertWellFormed(content, chunks, CAP);
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20260101L})
  void randomlyMangledSamplesNeverThrowAndStayCovered(long seed) {
    Random random = new Random(seed);
    String alphabet = "{}()[]<>;:'\"`/\\*#@\n\r\t =.,é😀\0abcXYZ_";
    for (int round = 0; round < 40; round++) {
      String name = SAMPLES.get(random.nextInt(SAMPLES.size()));
      StringBuilder content = new StringBuilder(sample(name));
      for (int edit = 0; edit < 1 + random.nextInt(8); edit++) {
        int at = random.nextInt(content.length());
        if (random.nextBoolean()) {
          content.delete(at, Math.min(content.length(), at + random.nextInt(40)));
        } else {
          for (int i = random.nextInt(10); i >= 0; i--) {
            content.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          }
        }
      }
      String mangled = content.toString();
      int cap = 60 + random.nextInt(1500);
      List<Chunk> chunks = chunker(cap).chunk(name, mangled);
      assertThat(chunks).as("seed %d round %d: %s", seed, round, name).isNotNull();
      assertWellFormed(mangled, chunks, cap);
    }
  }
}
