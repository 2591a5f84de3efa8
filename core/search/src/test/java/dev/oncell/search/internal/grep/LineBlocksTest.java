package dev.oncell.search.internal.grep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineBlocksTest {

  @Test
  void blocksPartitionTheFileIntoWholeLinesWithByteOffsets() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random random = new Random(seed);
    String[] pieces = {
      "a", "bc", "d\n", "\n", "\r\n", "\u00e9", "\u20ac", "\ud83d\ude00", " ", "xyz"
    };
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(400);
      for (int i = 0; i < n; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = text.toString();
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      int target = 1 + random.nextInt(64);
      List<LineBlocks.Block> blocks = LineBlocks.of(s, target);
      int offset = 0;
      int line = 1;
      for (LineBlocks.Block b : blocks) {
        String why = "seed " + seed + ", round " + round + ", block at " + b.offset();
        assertThat(b.offset()).as(why).isEqualTo(offset);
        assertThat(b.line()).as(why).isEqualTo(line);
        String content =
            new String(utf8, b.offset(), b.length(), StandardCharsets.UTF_8); // whole chars
        boolean last = b.offset() + b.length() == utf8.length;
        assertThat(last || content.endsWith("\n")).as(why + ": ends a line").isTrue();
        assertThat(last || b.length() >= target).as(why + ": the target reached").isTrue();
        String body = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        int before = body.lastIndexOf('\n') + 1; // where its last line starts
        assertThat(body.substring(0, before).getBytes(StandardCharsets.UTF_8).length)
            .as(why + ": ends at the first line that reaches the target")
            .isLessThan(target);
        assertThat(b.trigrams()).as(why).isEqualTo(Trigrams.distinct(content));
        offset += b.length();
        line += (int) content.chars().filter(c -> c == '\n').count();
      }
      assertThat(offset).as("seed %d: every byte in a block", seed).isEqualTo(utf8.length);
    }
  }

  @Test
  void aLongLineIsABlockOfItsOwnAndShortLinesGather() {
    String longLine = "x".repeat(5000);
    String text = "a\nb\n" + longLine + "\nc\nd";
    List<LineBlocks.Block> blocks = LineBlocks.of(text, 100);
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).line()).isEqualTo(1);
    assertThat(blocks.get(0).length()).isEqualTo(4 + 5001);
    assertThat(blocks.get(1).line()).isEqualTo(4);
    assertThat(blocks.get(1).length()).isEqualTo(3);
    assertThat(LineBlocks.of("")).isEmpty();
  }

  @Test
  void trigramsAreExactAndNeverSpanANewline() {
    long[] t = Trigrams.distinct("aB\ncDe");
    assertThat(Arrays.stream(t).mapToObj(Trigrams::text)).containsExactly("cDe");
  }
}
