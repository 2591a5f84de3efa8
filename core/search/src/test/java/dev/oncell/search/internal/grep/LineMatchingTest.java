package dev.oncell.search.internal.grep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.GrepMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Skipping through a file by whole-text matches, or visiting only the lines with an anchor trigram,
 * finds the same lines as matching every line.
 */
class LineMatchingTest {

  @Test
  void skippingFindsTheSameLinesAsScanningEveryLine() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random random = new Random(seed);
    String[] pieces = {
      "foo", "bar", " ", "\n", "\n\n", "a", "b", "\t", "x\ny", "éa", "_", "1", "\r\n", "FOO", "Bar",
      "fo", "obar"
    };
    String[] regexes = {
      "foo",
      "^foo",
      "bar$",
      "^$",
      "a\\s+b",
      "[^a]+",
      "\\bfoo\\b",
      "x*",
      "o\\W*b",
      ".",
      "(?i)FOO|BAR",
      "a[\\s\\S]b",
      "\\Bo",
      "^\\s*$",
      "foo\\s*$",
      "\\Afoo",
      "(?<=a)b",
      "b\\z",
      "foo|bar",
      "(?i)foobar",
      "fo+bar",
      "ba[rz]",
      "(foo|ba)r\\b"
    };
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(30);
      for (int i = 0; i < n; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      for (String regex : regexes) {
        GrepPattern p = GrepPattern.compile(regex);
        List<GrepMatch> all = new ArrayList<>();
        LineMatcher.matchLines(
            p, "f", text.toString(), 1, all, 1000, dev.oncell.search.Budget.unlimited());
        var anchors = p.trigrams().anchors(t -> t.hashCode() & 7);
        if (anchors.isPresent()) {
          List<GrepMatch> anchored = new ArrayList<>();
          LineMatcher.matchAnchoredLines(
              p,
              anchors.get(),
              "f",
              text.toString(),
              1,
              anchored,
              1000,
              dev.oncell.search.Budget.unlimited());
          assertThat(anchored)
              .as("anchored %s on %s (seed %d)", regex, text.toString().replace("\n", "\\n"), seed)
              .isEqualTo(all);
        }
        if (p.whole().isPresent()) {
          List<GrepMatch> skipped = new ArrayList<>();
          LineMatcher.skipToMatches(
              p, "f", text.toString(), 1, skipped, 1000, dev.oncell.search.Budget.unlimited());
          assertThat(skipped)
              .as("regex %s on %s (seed %d)", regex, text.toString().replace("\n", "\\n"), seed)
              .isEqualTo(all);
        }
      }
    }
    assertThat(GrepPattern.compile("\\Afoo").whole()).isEmpty();
    assertThat(GrepPattern.compile("(?<=a)b").whole()).isEmpty();
    assertThat(GrepPattern.compile("foo").whole()).isPresent();
  }
}
