package dev.oncell.search.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oncell.search.SearchHit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final Query QUERY =
      new Query("q", Query.Kind.DOC, "joins parts", "a/Strings.java", "join", 20, 30);

  private static SearchHit hit(String path, int start, int end) {
    return new SearchHit(path, "...", 1, start, end, Optional.empty(), "java");
  }

  @Test
  void theFileRankIsTheFirstHitOfTheFileAndTheChunkRankTheFirstThatHoldsTheFunction() {
    Metrics.Ranks ranks =
        Metrics.rank(
            QUERY,
            List.of(
                hit("b/Other.java", 1, 50),
                hit("a/Strings.java", 1, 19),
                hit("a/Strings.java", 15, 35)));
    assertThat(ranks.file()).isEqualTo(2);
    assertThat(ranks.chunk()).isEqualTo(3);
  }

  @Test
  void aChunkInsideASplitFunctionCountsButOneOverlappingItsEdgeDoesNot() {
    assertThat(Metrics.matchesFunction(hit("a/Strings.java", 22, 28), QUERY)).isTrue();
    assertThat(Metrics.matchesFunction(hit("a/Strings.java", 20, 30), QUERY)).isTrue();
    assertThat(Metrics.matchesFunction(hit("a/Strings.java", 25, 40), QUERY)).isFalse();
  }

  @Test
  void notFoundIsRankZero() {
    assertThat(Metrics.rank(QUERY, List.of(hit("b/Other.java", 1, 9))))
        .isEqualTo(new Metrics.Ranks(0, 0));
  }

  @Test
  void scoresAreRecallAtOneFiveTenAndMeanReciprocalRank() {
    Metrics.Scores scores = Metrics.Scores.of(List.of(1, 2, 6, 0));
    assertThat(scores.queries()).isEqualTo(4);
    assertThat(scores.recall1()).isEqualTo(0.25);
    assertThat(scores.recall5()).isEqualTo(0.5);
    assertThat(scores.recall10()).isEqualTo(0.75);
    assertThat(scores.mrr()).isCloseTo((1 + 0.5 + 1.0 / 6) / 4, within(1e-9));
    assertThat(Metrics.Scores.of(List.of()).queries()).isZero();
  }
}
