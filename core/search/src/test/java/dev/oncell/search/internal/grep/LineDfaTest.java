package dev.oncell.search.internal.grep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.GrepMatch;
import dev.oncell.search.SearchException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The automaton finds the same lines as {@link java.util.regex} (random regexes, seed printed). */
class LineDfaTest {

  /** What grep finds line by line with {@code java.util.regex}. */
  private static List<GrepMatch> byRegex(Pattern p, String text) {
    List<GrepMatch> out = new ArrayList<>();
    LineMatcher.matchLines(
        new GrepPattern(p.pattern(), p, TrigramQuery.ALL, false, java.util.Optional.empty()),
        "f",
        text,
        1,
        out,
        100_000,
        dev.oncell.search.Budget.unlimited());
    return out;
  }

  private static List<GrepMatch> byDfa(LineDfa dfa, Pattern p, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<GrepMatch> out = new ArrayList<>();
    dfa.match(bytes, 0, bytes.length, 1, "f", p, out, 100_000);
    return out;
  }

  @Test
  void commonRegexesWithoutTrigramsCompile() {
    for (String regex :
        new String[] {
          "a.b",
          "[0-9]{3}",
          "^\\s*$",
          "^$",
          "(?i)fo|ba",
          "^.{30,}$",
          "[[:upper:]]{4,}",
          "\\w+\\.\\w",
          "x*",
          ";$",
          "\\t",
          "[^\"]*\"",
          "(?<name>ab)+c?"
        }) {
      assertThat(LineDfa.of(GrepPattern.compile(regex).pattern().pattern())).as(regex).isPresent();
    }
    for (String regex :
        new String[] {"\\bfoo", "(a)\\1", "a(?=b)", "a*+b", "(?>ab)", "a^b", "x$|y", "(?s)a.b"}) {
      assertThat(LineDfa.of(GrepPattern.compile(regex).pattern().pattern())).as(regex).isEmpty();
    }
  }

  @Test
  void findsTheLinesJavaRegexFinds() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random random = new Random(seed);
    String[] atoms = {
      "a",
      "b",
      "B",
      "k",
      "x",
      "1",
      " ",
      "\\.",
      ".",
      "[ab]",
      "[^a]",
      "[a-c]",
      "[[:alpha:]]",
      "[[:punct:]]",
      "\\w",
      "\\W",
      "\\s",
      "\\d",
      "\\p{Upper}",
      "(?i)",
      "(?-i)",
      "\\Qa.\\E",
      "\u00e9",
      "\u212a",
      "\\t",
      "\r",
      "\"",
      "[\\w&&[^b]]"
    };
    String[] pieces = {
      "a",
      "b",
      "B",
      "A",
      "k",
      "K",
      "\u212a",
      "x",
      "1",
      "22",
      " ",
      "\t",
      ".",
      "\"",
      "\u00e9",
      "\u00c9",
      "\r",
      "\n",
      "\n",
      "\ud83d\ude00",
      "_",
      "-"
    };
    int compiled = 0;
    int rounds = 3000 * Integer.getInteger("tests.multiplier", 1);
    for (int round = 0; round < rounds; round++) {
      StringBuilder re = new StringBuilder();
      if (random.nextInt(6) == 0) {
        re.append('^');
      }
      int parts = 1 + random.nextInt(5);
      for (int i = 0; i < parts; i++) {
        switch (random.nextInt(10)) {
          case 0 -> re.append("(?i:").append(atoms[random.nextInt(atoms.length)]).append("b)");
          case 1 ->
              re.append("(")
                  .append(atoms[random.nextInt(atoms.length)])
                  .append("|")
                  .append(atoms[random.nextInt(atoms.length)])
                  .append(")");
          default -> re.append(atoms[random.nextInt(atoms.length)]);
        }
        switch (random.nextInt(8)) {
          case 0 -> re.append('*');
          case 1 -> re.append('+');
          case 2 -> re.append('?');
          case 3 ->
              re.append("{")
                  .append(random.nextInt(3))
                  .append(",")
                  .append(2 + random.nextInt(2))
                  .append("}");
          case 4 -> re.append("*?");
          default -> {}
        }
      }
      if (random.nextInt(6) == 0) {
        re.append('$');
      }
      Pattern p;
      try {
        p = GrepPattern.compile(re.toString()).pattern();
      } catch (SearchException e) {
        continue;
      }
      var dfa = LineDfa.of(p.pattern());
      if (dfa.isEmpty()) {
        continue;
      }
      compiled++;
      for (int k = 0; k < 5; k++) {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
          text.append(pieces[random.nextInt(pieces.length)]);
        }
        assertThat(byDfa(dfa.get(), p, text.toString()))
            .as(
                "%s on '%s' (seed %d)",
                re, text.toString().replace("\n", "\\n").replace("\r", "\\r"), seed)
            .isEqualTo(byRegex(p, text.toString()));
      }
    }
    assertThat(compiled).as("most random regexes compile").isGreaterThan(rounds / 3);
  }
}
