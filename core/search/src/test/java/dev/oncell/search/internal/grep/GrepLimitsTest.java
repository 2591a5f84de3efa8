package dev.oncell.search.internal.grep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.search.Budget;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.SearchException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Guards finding 3 of issue 12 at the grep engine: what a regex may cost is checked before any work
 * (each limit named in the error), the trigram derivation and the automaton stay small whatever the
 * repetitions multiply out to, and a match stops when its budget runs out or is cancelled.
 */
class GrepLimitsTest {

  private static void tooComplex(String regex, String limit) {
    long started = System.nanoTime();
    assertThatThrownBy(() -> GrepPattern.compile(regex))
        .as("%s is refused", abbreviated(regex))
        .isInstanceOfSatisfying(
            SearchException.class,
            e -> {
              assertThat(e.invalid()).as("a bad request").isTrue();
              assertThat(e.code()).isEqualTo("pattern_too_complex");
              assertThat(e.getMessage()).as("names the limit").contains("limit: " + limit);
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("refused before any work")
        .isLessThan(Duration.ofSeconds(2));
  }

  private static String abbreviated(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  @Test
  @Timeout(30)
  void theRegexOfTheFindingIsRefusedAtOnce() {
    tooComplex("a{1000}{1000}{1000}", "nested repetition");
    tooComplex("(a{1000}){1000}", "nested repetition");
    tooComplex("((ab){100}c){101}", "nested repetition");
    tooComplex("x(?:(?:a{20}){20}){30}", "nested repetition");
  }

  @Test
  void eachLimitIsNamed() {
    tooComplex("a{1001}", "repetition bound");
    tooComplex("a{2,99999999999999}", "repetition bound");
    tooComplex("a|".repeat(PatternLimits.MAX_LENGTH / 2) + "b", "pattern length");
    tooComplex("x" + "b".repeat(PatternLimits.MAX_LITERAL + 1), "literal length");
    tooComplex("\\Q" + "b".repeat(PatternLimits.MAX_LITERAL + 1) + "\\E", "literal length");
    tooComplex("(".repeat(PatternLimits.MAX_DEPTH + 1) + "a" + ")".repeat(65), "group depth");
  }

  @Test
  void regexesWithinTheLimitsCompile() {
    for (String ok :
        List.of(
            "a{1000}",
            "(ab){100}{100}",
            "[a-z]{3,1000}",
            "x{0,}",
            "(a|b|c)+d*e?",
            "a".repeat(PatternLimits.MAX_LITERAL),
            "(".repeat(PatternLimits.MAX_DEPTH) + "a" + ")".repeat(PatternLimits.MAX_DEPTH),
            "\\{1000000\\}",
            "[{]1000000}",
            "(?i)verify_?token|Concurrent(Modification|Skip)")) {
      assertThat(GrepPattern.compile(ok).source()).isEqualTo(ok);
    }
  }

  @Test
  @Timeout(10)
  void trigramsOfHugeRepetitionsStaySmall() {
    // Before: the exact strings were multiplied out to a billion chars (gigabytes of heap).
    TrigramQuery q = RegexTrigrams.of("a{1000}{1000}{1000}");
    assertThat(q).isEqualTo(new TrigramQuery.Tri(Trigrams.term('a', 'a', 'a')));
    TrigramQuery words = RegexTrigrams.of("(verifyToken){1000}");
    assertThat(words).isInstanceOf(TrigramQuery.And.class);
    assertThat(((TrigramQuery.And) words).parts()).hasSizeLessThanOrEqualTo(TrigramQuery.MAX_AND);
  }

  @Test
  @Timeout(20)
  void theAutomatonIsNotBuiltPastItsStateBound() {
    // 10,000 copies of a 1-state class: the NFA bound, not the heap, decides
    assertThat(LineDfa.of("(?:(?:[a-z]{50}){50}){4}", Budget.unlimited())).isEmpty();
    assertThat(LineDfa.of("(?:.{64}){64}", Budget.unlimited())).isEmpty();
    assertThat(LineDfa.of("[a-z]+_[0-9]{3}", Budget.unlimited())).isPresent();
  }

  @Test
  void anExhaustedBudgetStopsTheAutomatonBuild() {
    Budget budget = Budget.of(Duration.ofMillis(1));
    sleep(20);
    assertThatThrownBy(() -> LineDfa.of("[a-z]+_[0-9]{3}", budget))
        .isInstanceOfSatisfying(
            SearchException.class, e -> assertThat(e.code()).isEqualTo("search_timeout"));
  }

  /**
   * A regex that backtracks for ages (polynomially, to the 12th power) on a line of a's without a
   * b, where {@link java.util.regex} matches it: the automaton would not, so the line ends with a
   * char outside ASCII, which the automaton leaves to {@link java.util.regex}.
   */
  private static final String BACKTRACKS = "(.*a){12}b";

  private static String lineOfAs() {
    return "a".repeat(80) + "\u00e9\n";
  }

  @Test
  @Timeout(30)
  void aBacktrackingMatchStopsWhenItsBudgetRunsOut() {
    GrepPattern p = GrepPattern.compile(BACKTRACKS);
    LineMatcher matcher = new LineMatcher(p, Optional.empty(), Budget.of(Duration.ofMillis(300)));
    List<GrepMatch> out = new ArrayList<>();
    long started = System.nanoTime();
    assertThatThrownBy(() -> matcher.match("f", lineOfAs(), 1, out, 10))
        .isInstanceOfSatisfying(
            SearchException.class,
            e -> {
              assertThat(e.code()).isEqualTo("search_timeout");
              assertThat(e.invalid()).isFalse();
              assertThat(e.stopped()).isTrue();
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  @Timeout(30)
  void aBacktrackingMatchStopsWhenCancelled() throws Exception {
    GrepPattern p = GrepPattern.compile(BACKTRACKS);
    Budget budget = Budget.cancellable();
    var cancel = Executors.newSingleThreadScheduledExecutor();
    try {
      cancel.schedule(budget::cancel, 200, TimeUnit.MILLISECONDS);
      LineMatcher matcher = new LineMatcher(p, Optional.empty(), budget);
      byte[] bytes = lineOfAs().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThatThrownBy(() -> matcher.match("f", bytes, 0, bytes.length, 1, new ArrayList<>(), 9))
          .isInstanceOfSatisfying(
              SearchException.class, e -> assertThat(e.code()).isEqualTo("cancelled"));
    } finally {
      cancel.shutdownNow();
    }
  }

  @Test
  void theAutomatonChecksItsBudgetOnLongTexts() {
    LineDfa dfa = LineDfa.of("[0-9]{3}x", Budget.unlimited()).orElseThrow();
    byte[] bytes = ("abc\n".repeat(200_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Budget budget = Budget.cancellable();
    budget.cancel();
    assertThatThrownBy(
            () ->
                dfa.match(
                    bytes,
                    0,
                    bytes.length,
                    1,
                    "f",
                    GrepPattern.compile("[0-9]{3}x").pattern(),
                    new ArrayList<>(),
                    10,
                    budget))
        .isInstanceOfSatisfying(
            SearchException.class, e -> assertThat(e.code()).isEqualTo("cancelled"));
  }

  @Test
  void aMatchingLineIsCutToItsFirstCharsSoAnAnswerStaysBounded() {
    String ascii = "x".repeat(100_000) + "_123";
    String multiByte = "\u00e9\u20ac".repeat(50_000) + "_123";
    for (String regex : List.of("[0-9]{3}", "_123", "(?=_)_1")) {
      LineMatcher matcher = new LineMatcher(GrepPattern.compile(regex), Optional.empty());
      for (String line : List.of(ascii, multiByte)) {
        byte[] bytes = (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<GrepMatch> out = new ArrayList<>();
        matcher.match("f", bytes, 0, bytes.length, 1, out, 10);
        matcher.match("f", line, 1, out, 10);
        assertThat(out).as(regex).hasSize(2);
        for (GrepMatch m : out) {
          assertThat(m.text().length())
              .isBetween(Matches.MAX_LINE_CHARS / 3, Matches.MAX_LINE_CHARS);
          assertThat(line).as("a prefix of the line, cut between chars").startsWith(m.text());
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
