package dev.oncell.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random files of distinct lines and random windows of them: a block copied from the file applies
 * exactly, the same block with its indentation changed applies line by line, and the result is what
 * replacing the window by hand gives. The seed is printed for reproduction ({@code
 * -Dtests.seed=...}).
 */
class EditBlocksPropertyTest {

  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

  @Test
  void aWindowOfTheFileIsReplacedExactlyOrAfterReindenting() {
    Random random = new Random(SEED);
    for (int trial = 0; trial < 300; trial++) {
      List<String> lines = randomLines(random);
      int from = random.nextInt(lines.size());
      int to = from + 1 + random.nextInt(Math.min(4, lines.size() - from));
      String original = String.join("\n", lines) + "\n";
      List<String> replacement = List.of("    replaced " + trial, "    done " + trial);

      List<String> expected = new ArrayList<>(lines.subList(0, from));
      expected.addAll(replacement);
      expected.addAll(lines.subList(to, lines.size()));
      String wanted = String.join("\n", expected) + "\n";

      String search = String.join("\n", lines.subList(from, to)) + "\n";
      String replace = String.join("\n", replacement) + "\n";
      assertThat(SearchReplace.apply(original, search, replace))
          .as("seed %d trial %d: exact", SEED, trial)
          .isEqualTo(new SearchReplace.Patched(wanted, EditOutcome.Match.EXACT));

      String shifted =
          String.join("\n", lines.subList(from, to).stream().map(l -> "  " + l.strip()).toList())
              + "\n";
      SearchReplace.Patch tolerant = SearchReplace.apply(original, shifted, replace);
      assertThat(tolerant)
          .as("seed %d trial %d: tolerant", SEED, trial)
          .isInstanceOf(SearchReplace.Patched.class);
      assertThat(((SearchReplace.Patched) tolerant).text().lines().map(String::strip).toList())
          .as("seed %d trial %d: tolerant result", SEED, trial)
          .isEqualTo(wanted.lines().map(String::strip).toList());
    }
  }

  @Test
  void textNotInTheFileNeverChangesIt() {
    Random random = new Random(SEED);
    for (int trial = 0; trial < 200; trial++) {
      List<String> lines = randomLines(random);
      String original = String.join("\n", lines) + "\n";
      String absent = "absent line " + random.nextInt() + "\n";
      assertThat(SearchReplace.apply(original, absent, "x\n"))
          .as("seed %d trial %d", SEED, trial)
          .isInstanceOf(SearchReplace.Failed.class);
    }
  }

  private static List<String> randomLines(Random random) {
    int count = 1 + random.nextInt(30);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String indent = " ".repeat(4 * random.nextInt(3));
      lines.add(indent + "line_" + i + " = " + random.nextInt(1000));
    }
    return lines;
  }
}
