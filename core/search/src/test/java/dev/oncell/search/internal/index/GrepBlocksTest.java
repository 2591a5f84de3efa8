package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.internal.grep.GrepPattern;
import dev.oncell.search.internal.grep.LineBlocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grep reads only the candidate blocks of a file: matches on the first and last line of a block,
 * multi-byte text and CRLF keep their line numbers; a file changed since it was indexed is read
 * whole; case variants are found.
 */
class GrepBlocksTest {

  @TempDir Path root;
  @TempDir Path indexDir;

  /** Lines of the text as grep splits them (on LF; a final LF starts no line). */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (text.endsWith("\n")) {
      out.removeLast();
    }
    return out;
  }

  private static List<GrepMatch> expected(String path, String text, String regex) {
    GrepPattern p = GrepPattern.compile(regex);
    List<GrepMatch> out = new ArrayList<>();
    List<String> lines = lines(text);
    for (int i = 0; i < lines.size(); i++) {
      if (p.pattern().matcher(lines.get(i)).find()) {
        out.add(new GrepMatch(path, i + 1, lines.get(i)));
      }
    }
    return out;
  }

  private static String sample() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 1200; i++) {
      text.append("line L").append(i).append("Q ");
      switch (i % 7) {
        case 0 -> text.append("caf\u00e9 na\u00efve \u20ac ".repeat(i % 5));
        case 1 -> text.append("\ud83d\ude00 emoji");
        case 2 -> text.append("crlf\r");
        case 3 -> text.append("long ".repeat(i == 94 ? 900 : 3)); // one line over a block
        default -> text.append("x".repeat(i % 40));
      }
      text.append('\n');
    }
    return text.append("line L1201Q no final newline").toString();
  }

  @Test
  void matchesOnTheFirstAndLastLinesOfBlocksKeepTheirNumbers() throws IOException {
    String text = sample();
    Files.writeString(root.resolve("a.txt"), text, StandardCharsets.UTF_8);
    List<LineBlocks.Block> blocks = LineBlocks.of(text);
    assertThat(blocks).as("the sample spans many blocks").hasSizeGreaterThan(10);
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      index.index("", Optional.empty());
      List<String> all = lines(text);
      for (int b = 0; b < blocks.size(); b++) {
        int first = blocks.get(b).line();
        int last = b + 1 < blocks.size() ? blocks.get(b + 1).line() - 1 : all.size();
        for (int line : new int[] {first, last}) {
          assertThat(index.grep("line L" + line + "Q", Optional.empty(), 10))
              .as("line %d, block %d", line, b)
              .containsExactly(new GrepMatch("a.txt", line, all.get(line - 1)));
        }
      }
      for (String regex :
          new String[] {"line L[0-9]+Q", "crlf\r$", "\u00e9 na", "emoji$", "(?i)LINE L120[01]Q"}) {
        assertThat(index.grep(regex, Optional.empty(), 100_000))
            .as(regex)
            .isEqualTo(expected("a.txt", text, regex));
      }
    }
  }

  @Test
  void aFileChangedSinceItWasIndexedIsReadWhole() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      lines.add(String.format("line %04d with some padding", i));
    }
    lines.set(199, "needle 0200 with some padding");
    Path file = root.resolve("f.txt");
    Files.write(file, lines);
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      index.index("", Optional.empty());
      assertThat(index.grep("needle", Optional.empty(), 10))
          .extracting(GrepMatch::line)
          .containsExactly(200);

      // Same size (two lines swapped), the needle now in another block: only the CRC differs
      String second = lines.get(1);
      lines.set(1, lines.get(199));
      lines.set(199, second);
      Files.write(file, lines);
      assertThat(index.grep("needle", Optional.empty(), 10))
          .as("same size, other content: the whole file is read")
          .containsExactly(new GrepMatch("f.txt", 2, "needle 0200 with some padding"));

      // Lines inserted above: every line moves down
      lines.addAll(0, List.of("new", "lines", "above"));
      Files.write(file, lines);
      assertThat(index.grep("needle", Optional.empty(), 10))
          .extracting(GrepMatch::line)
          .containsExactly(5);

      index.index("", Optional.empty());
      assertThat(index.grep("needle", Optional.empty(), 10))
          .extracting(GrepMatch::line)
          .containsExactly(5);
      Files.delete(file);
      assertThat(index.grep("needle", Optional.empty(), 10)).as("gone from disk").isEmpty();
      index.index("", Optional.empty());
      assertThat(index.grep("needle", Optional.empty(), 10)).isEmpty();
    }
  }

  @Test
  void caseInsensitiveRegexesFindEveryCaseVariant() throws IOException {
    String text =
        String.join(
            "\n",
            "STRASSE",
            "stra\u00dfe",
            "STRA\u1e9eE",
            "Stra\u00dfe",
            "refundLedger(",
            "REFUNDLEDGER(",
            "refundledger(",
            "\u212aelvin",
            "kelvin",
            "KELVIN",
            "");
    Files.writeString(root.resolve("c.txt"), text, StandardCharsets.UTF_8);
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      index.index("", Optional.empty());
      for (String regex :
          new String[] {
            "(?i)stra\u00dfe",
            "(?i)refundLedger\\(",
            "refundLedger\\(",
            "(?i)kelvin",
            "(?i:kel)vin",
            "(?i)KEL(?-i)VIN"
          }) {
        assertThat(index.grep(regex, Optional.empty(), 100))
            .as(regex)
            .isEqualTo(expected("c.txt", text, regex))
            .isNotEmpty();
      }
    }
  }
}
