package dev.oncell.plugins.security.deps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * OSV range evaluation as the schema defines it: introduced/fixed, last_affected, limit, several
 * ranges and unsorted events, explicit versions, git ranges, and events that are not versions.
 */
class OsvRangesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void introducedAndFixedMakeAHalfOpenInterval() {
    OsvRanges r =
        ranges(
            "{\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.3\"}]}]}");
    assertThat(affected(r, "0.9.9", SemverOrder.INSTANCE)).isEmpty();
    assertThat(affected(r, "1.0.0", SemverOrder.INSTANCE)).contains(">=1.0.0, <1.2.3 fixed 1.2.3");
    assertThat(affected(r, "1.2.2", SemverOrder.INSTANCE)).contains(">=1.0.0, <1.2.3 fixed 1.2.3");
    assertThat(affected(r, "1.2.3-rc.1", SemverOrder.INSTANCE))
        .as("a pre-release of the fix is before the fix")
        .isPresent();
    assertThat(affected(r, "1.2.3", SemverOrder.INSTANCE)).isEmpty();
  }

  @Test
  void introducedZeroIsBeforeEveryVersionAndNoFixMeansStillAffected() {
    OsvRanges r =
        ranges("{\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}]}");
    assertThat(affected(r, "0.0.0-alpha", SemverOrder.INSTANCE)).contains(">=0 fixed none");
    assertThat(affected(r, "99.0", Pep440Order.INSTANCE)).contains(">=0 fixed none");
  }

  @Test
  void lastAffectedIncludesItsVersion() {
    OsvRanges r =
        ranges(
            "{\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"2.13.0\"},{\"last_affected\":\"2.13.2\"}]}]}");
    assertThat(affected(r, "2.13.2", MavenOrder.INSTANCE))
        .contains(">=2.13.0, <=2.13.2 fixed none");
    assertThat(affected(r, "2.13.2.0", MavenOrder.INSTANCE))
        .as("Maven: 2.13.2.0 is 2.13.2")
        .isPresent();
    assertThat(affected(r, "2.13.2.1", MavenOrder.INSTANCE)).isEmpty();
    assertThat(affected(r, "2.12.0", MavenOrder.INSTANCE)).isEmpty();
  }

  @Test
  void limitBoundsARange() {
    OsvRanges r =
        ranges(
            "{\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"limit\":\"2.0.0\"}]}]}");
    assertThat(affected(r, "1.9.9", SemverOrder.INSTANCE)).contains(">=0, <2.0.0 fixed none");
    assertThat(affected(r, "2.0.0", SemverOrder.INSTANCE)).isEmpty();
  }

  @Test
  void severalIntervalsInOneRangeAndSeveralRangesInAnyOrder() {
    // Events out of order, as some databases write them: sorted before evaluation.
    OsvRanges r =
        ranges(
            "{\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"fixed\":\"4.1.10\"},{\"introduced\":\"4.0a1\"},"
                + "{\"introduced\":\"3.2a1\"},{\"fixed\":\"3.2.20\"}]},"
                + "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"5.0\"},{\"fixed\":\"5.0.2\"}]}]}");
    assertThat(affected(r, "3.1.9", Pep440Order.INSTANCE)).isEmpty();
    assertThat(affected(r, "3.2.19", Pep440Order.INSTANCE))
        .contains(">=3.2a1, <3.2.20 fixed 3.2.20");
    assertThat(affected(r, "3.2.20", Pep440Order.INSTANCE)).isEmpty();
    assertThat(affected(r, "3.9", Pep440Order.INSTANCE)).as("between the intervals").isEmpty();
    assertThat(affected(r, "4.1.9", Pep440Order.INSTANCE))
        .contains(">=4.0a1, <4.1.10 fixed 4.1.10");
    assertThat(affected(r, "4.1.10", Pep440Order.INSTANCE)).isEmpty();
    assertThat(affected(r, "5.0.1", Pep440Order.INSTANCE)).contains(">=5.0, <5.0.2 fixed 5.0.2");
  }

  @Test
  void explicitVersionsMatchEvenWithoutARange() {
    OsvRanges r = ranges("{\"ranges\":[],\"versions\":[\"1.0.0\",\"1.0.1\"],\"git\":true}");
    assertThat(affected(r, "1.0.1", SemverOrder.INSTANCE))
        .contains("listed version 1.0.1 fixed none");
    assertThat(affected(r, "v1.0.0", SemverOrder.INSTANCE)).as("Go's v prefix").isPresent();
    assertThat(affected(r, "1.0.2", SemverOrder.INSTANCE))
        .as("only the listed versions of a git-only record")
        .isEmpty();
  }

  @Test
  void aListedVersionNamesTheNextFix() {
    OsvRanges r =
        ranges(
            "{\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"2.0\"},"
                + "{\"introduced\":\"3.0\"},{\"fixed\":\"3.1\"}]}],\"versions\":[\"3.0\"]}");
    assertThat(affected(r, "3.0", Pep440Order.INSTANCE)).contains("listed version 3.0 fixed 3.1");
  }

  @Test
  void anEntryWithNoRangesAndNoVersionsAffectsEveryVersion() {
    OsvRanges r = ranges("{\"ranges\":[],\"versions\":[],\"git\":false}");
    assertThat(affected(r, "1.2.3", SemverOrder.INSTANCE)).contains(">=0 fixed none");
  }

  @Test
  void aRangeWithAnEventThatIsNotAVersionIsSkippedNotGuessed() {
    OsvRanges r =
        ranges(
            "{\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"not-a-version\"}]},"
                + "{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"2.0.0\"},{\"fixed\":\"2.1.0\"}]}]}");
    assertThat(affected(r, "1.0.0", SemverOrder.INSTANCE)).isEmpty();
    assertThat(affected(r, "2.0.5", SemverOrder.INSTANCE)).contains(">=2.0.0, <2.1.0 fixed 2.1.0");
    assertThat(affected(r, "garbage", SemverOrder.INSTANCE)).isEmpty();
  }

  @Test
  void compactKeepsSemverEcosystemAndVersionsButNotGitCommits() throws Exception {
    JsonNode affected = JSON.readTree(OsvFixtures.DJANGO).path("affected").get(0);
    JsonNode compact = OsvRanges.compact(affected);
    assertThat(compact.path("ranges")).hasSize(1);
    assertThat(compact.path("versions")).hasSize(4);
    assertThat(compact.path("git").asBoolean()).isTrue();
    assertThat(compact.toString()).doesNotContain("454f2fb9");
  }

  private static OsvRanges ranges(String compact) {
    try {
      return OsvRanges.fromCompact(JSON.readTree(compact));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Optional<String> affected(OsvRanges r, String version, VersionOrder order) {
    return r.match(version, order).map(m -> m.affected() + " fixed " + m.fixed().orElse("none"));
  }
}
