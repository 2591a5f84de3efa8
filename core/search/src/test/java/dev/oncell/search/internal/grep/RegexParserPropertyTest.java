package dev.oncell.search.internal.grep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.Budget;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.SearchException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Both paths computed from the one {@link RegexParser} tree against {@link java.util.regex}, on
 * random regexes of the whole grammar (nested groups, alternations, classes, counted and possessive
 * repetitions, anchors, flags, boundaries, lookarounds) and random lines: the automaton finds
 * exactly the lines {@link Pattern} finds, and the trigram query never excludes one of them. The
 * seed is printed; {@code -Dtests.seed=N} replays it, {@code -Dtests.multiplier=N} runs N times
 * more cases.
 */
class RegexParserPropertyTest {

  private static final String[] ATOMS = {
    "a",
    "b",
    "B",
    "k",
    "K",
    "s",
    "x",
    "1",
    " ",
    "_",
    "-",
    "\\.",
    ".",
    "\\t",
    "\"",
    "\u00e9",
    "\u212a",
    "\ud83d\ude00",
    "[ab]",
    "[^a]",
    "[a-c]",
    "[]a]",
    "[^]b]",
    "[Kk]",
    "[\\w&&[^b]]",
    "[[:alpha:]]",
    "[[:punct:]]",
    "\\w",
    "\\W",
    "\\s",
    "\\S",
    "\\d",
    "\\D",
    "\\p{Upper}",
    "\\P{L}",
    "\\Qa.\\E",
    "\\b",
    "\\B",
    "\\R",
    "\\X"
  };

  private static final String[] PIECES = {
    "a",
    "b",
    "B",
    "A",
    "k",
    "K",
    "\u212a",
    "s",
    "S",
    "\u017f",
    "x",
    "X",
    "1",
    "22",
    " ",
    "\t",
    ".",
    "\"",
    "_",
    "-",
    "]",
    "\u00e9",
    "\u00c9",
    "\r",
    "\ud83d\ude00",
    "ab",
    "xk"
  };

  @Test
  void automatonAndTrigramsAgreeWithJavaRegex() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("RegexParserPropertyTest seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    int rounds = 4000 * Integer.getInteger("tests.multiplier", 1);
    int compiled = 0;
    int admitted = 0;
    for (int round = 0; round < rounds; round++) {
      String regex = regex(random, 2);
      Pattern p;
      try {
        p = GrepPattern.compile(regex).pattern();
      } catch (SearchException e) {
        continue; // not a valid regex (an empty class, a dangling quantifier, ...)
      }
      TrigramQuery trigrams = RegexTrigrams.of(p.pattern());
      Optional<LineDfa> dfa = LineDfa.of(p.pattern());
      compiled += dfa.isPresent() ? 1 : 0;
      List<String> lines = new ArrayList<>();
      for (int k = 0; k < 12; k++) {
        lines.add(line(random));
      }
      String text = String.join("\n", lines);
      String shown = text.replace("\n", "\\n").replace("\r", "\\r");
      List<GrepMatch> expected;
      List<GrepMatch> actual;
      List<String> matching = new ArrayList<>();
      try {
        // nested quantifiers can make java.util.regex backtrack for minutes: skip those
        Budget budget = Budget.of(Duration.ofMillis(200));
        expected = byRegex(p, text, budget);
        actual = dfa.isPresent() ? byDfa(dfa.get(), p, text, budget) : expected;
        for (String line : lines) {
          if (p.matcher(BudgetedText.of(line, budget)).find()) {
            matching.add(line);
          }
        }
      } catch (SearchException e) {
        continue;
      }
      assertThat(actual)
          .as("automaton of %s on '%s' (-Dtests.seed=%d)", regex, shown, seed)
          .isEqualTo(expected);
      for (String line : matching) {
        {
          admitted++;
          assertThat(RegexTrigramsTest.admits(trigrams, line))
              .as(
                  "trigrams %s of %s exclude the matching line '%s' (-Dtests.seed=%d)",
                  trigrams, regex, line.replace("\r", "\\r"), seed)
              .isTrue();
        }
      }
    }
    assertThat(compiled).as("regexes compiled to an automaton").isGreaterThan(rounds / 4);
    assertThat(admitted).as("matching lines checked against the trigrams").isGreaterThan(rounds);
  }

  /** A random regex of the grammar, nested up to {@code depth} groups. */
  private static String regex(Random random, int depth) {
    StringBuilder re = new StringBuilder();
    if (random.nextInt(6) == 0) {
      re.append(random.nextInt(4) == 0 ? "(?i)^" : "^");
    }
    re.append(sequence(random, depth));
    if (random.nextInt(4) == 0) {
      re.append('|').append(sequence(random, depth));
    }
    if (random.nextInt(6) == 0) {
      re.append('$');
    }
    return re.toString();
  }

  private static String sequence(Random random, int depth) {
    StringBuilder re = new StringBuilder();
    int parts = 1 + random.nextInt(4);
    for (int i = 0; i < parts; i++) {
      int kind = random.nextInt(16);
      if (depth > 0 && kind < 4) {
        String open =
            switch (kind) {
              case 0 -> "(";
              case 1 -> "(?:";
              case 2 ->
                  new String[] {"(?i:", "(?-i:", "(?>", "(?=", "(?!", "(?<=", "(?<n" + i + ">"}
                      [random.nextInt(7)];
              default -> "(?i)(";
            };
        re.append(open).append(sequence(random, depth - 1));
        if (random.nextBoolean()) {
          re.append('|').append(sequence(random, depth - 1));
        }
        re.append(')');
      } else if (kind == 4) {
        re.append(random.nextBoolean() ? "(?i)" : "(?-i)");
        continue;
      } else {
        re.append(ATOMS[random.nextInt(ATOMS.length)]);
      }
      switch (random.nextInt(12)) {
        case 0 -> re.append('*');
        case 1 -> re.append('+');
        case 2 -> re.append('?');
        case 3 -> re.append('{').append(random.nextInt(3)).append('}');
        case 4 ->
            re.append('{')
                .append(random.nextInt(3))
                .append(',')
                .append(random.nextBoolean() ? "" : String.valueOf(2 + random.nextInt(3)))
                .append('}');
        case 5 -> re.append(random.nextBoolean() ? "*?" : "+?");
        case 6 -> re.append(random.nextBoolean() ? "?+" : "*+");
        default -> {}
      }
    }
    return re.toString();
  }

  private static String line(Random random) {
    StringBuilder line = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      line.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return line.toString();
  }

  private static List<GrepMatch> byRegex(Pattern p, String text, Budget budget) {
    List<GrepMatch> out = new ArrayList<>();
    LineMatcher.matchLines(
        new GrepPattern(p.pattern(), p, TrigramQuery.ALL, false, Optional.empty()),
        "f",
        text,
        1,
        out,
        100_000,
        budget);
    return out;
  }

  private static List<GrepMatch> byDfa(LineDfa dfa, Pattern p, String text, Budget budget) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<GrepMatch> out = new ArrayList<>();
    dfa.match(bytes, 0, bytes.length, 1, "f", p, out, 100_000, budget);
    return out;
  }
}
