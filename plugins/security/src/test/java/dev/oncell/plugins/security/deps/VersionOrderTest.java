package dev.oncell.plugins.security.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The three version orderings OSV ranges are evaluated with: tables of versions in ascending order
 * (every pair is checked both ways), equal spellings, refused strings, and randomised checks with a
 * printed seed.
 */
class VersionOrderTest {

  static final long SEED = Long.getLong("tests.seed", System.nanoTime());

  /** Semantic Versioning 2.0.0's own precedence example, and more. */
  static final List<String> SEMVER_ASCENDING =
      List.of(
          "0.0.0-20200101000000-abcdef123456", // a Go pseudo-version
          "0.0.1",
          "0.1.0",
          "1.0.0-alpha",
          "1.0.0-alpha.1",
          "1.0.0-alpha.beta",
          "1.0.0-beta",
          "1.0.0-beta.2",
          "1.0.0-beta.11",
          "1.0.0-rc.1",
          "1.0.0",
          "1.0.1",
          "1.2.0",
          "1.10.0",
          "2.0.0",
          "10.0.0",
          "99999999999999999999.0.0");

  /** Maven's ordering: qualifiers, padding, numbers after qualifiers. */
  static final List<String> MAVEN_ASCENDING =
      List.of(
          "1.0-alpha-1",
          "1.0-alpha-2",
          "1.0-beta-1",
          "1.0-milestone-1",
          "1.0-rc-1",
          "1.0-SNAPSHOT",
          "1.0",
          "1.0-sp-1",
          "1.0.1",
          "1.1",
          "2.12.6",
          "2.12.6.1",
          "2.13.0",
          "2.13.2.1",
          "10.0");

  /** PEP 440's own example of ordering (as packaging's tests list it). */
  static final List<String> PEP440_ASCENDING =
      List.of(
          "1.0.dev456",
          "1.0a1",
          "1.0a2.dev456",
          "1.0a12.dev456",
          "1.0a12",
          "1.0b1.dev456",
          "1.0b2",
          "1.0b2.post345.dev456",
          "1.0b2.post345",
          "1.0rc1.dev456",
          "1.0rc1",
          "1.0",
          "1.0+abc.5",
          "1.0+abc.7",
          "1.0+5",
          "1.0.post456.dev34",
          "1.0.post456",
          "1.0.15",
          "1.1.dev1",
          "2.0",
          "1!0.1");

  @Test
  void semverSortsAsTheSpecificationSays() {
    assertAscending(SemverOrder.INSTANCE, SEMVER_ASCENDING);
  }

  @Test
  void mavenSortsAsMavenDoes() {
    assertAscending(MavenOrder.INSTANCE, MAVEN_ASCENDING);
  }

  @Test
  void pep440SortsAsPackagingDoes() {
    assertAscending(Pep440Order.INSTANCE, PEP440_ASCENDING);
  }

  @Test
  void equalSpellingsAreEqual() {
    assertEqual(SemverOrder.INSTANCE, "v1.2.3", "1.2.3");
    assertEqual(SemverOrder.INSTANCE, "1.2.3+build.5", "1.2.3");
    assertEqual(SemverOrder.INSTANCE, "v2.0.0+incompatible", "2.0.0");
    assertEqual(SemverOrder.INSTANCE, "1.2", "1.2.0");
    assertEqual(SemverOrder.INSTANCE, "01.2.3", "1.2.3");
    assertEqual(MavenOrder.INSTANCE, "1.0", "1.0.0");
    assertEqual(MavenOrder.INSTANCE, "1.0-ga", "1.0");
    assertEqual(MavenOrder.INSTANCE, "1.0-final", "1.0");
    assertEqual(MavenOrder.INSTANCE, "2.13.2.0", "2.13.2");
    assertEqual(Pep440Order.INSTANCE, "1.0", "1.0.0");
    assertEqual(Pep440Order.INSTANCE, "1.0alpha1", "1.0a1");
    assertEqual(Pep440Order.INSTANCE, "1.0-1", "1.0.post1");
    assertEqual(Pep440Order.INSTANCE, "1.0c1", "1.0rc1");
    assertEqual(Pep440Order.INSTANCE, "1.0.preview2", "1.0rc2");
    assertEqual(Pep440Order.INSTANCE, "v1.0", "1.0");
    assertEqual(Pep440Order.INSTANCE, "1.0.POST", "1.0.post0");
    assertEqual(Pep440Order.INSTANCE, "0!1.0", "1.0");
  }

  @Test
  void stringsThatAreNotVersionsAreRefused() {
    for (String bad : List.of("", "latest", "1.2.3.4", "1..2", "1.0.0-", "x1.0", "1.0.0-a..b")) {
      assertThat(SemverOrder.INSTANCE.isValid(bad)).as("semver '%s'", bad).isFalse();
    }
    for (String bad : List.of("", "latest", "1.0-foo-", "1.0+", "1.0.dev.dev", "*")) {
      assertThat(Pep440Order.INSTANCE.isValid(bad)).as("PEP 440 '%s'", bad).isFalse();
    }
    assertThat(MavenOrder.INSTANCE.isValid("")).isFalse();
    assertThat(MavenOrder.INSTANCE.isValid("1".repeat(300))).as("overlong").isFalse();
    assertThatThrownBy(() -> SemverOrder.INSTANCE.compare("1.0.0", "latest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latest");
  }

  @Test
  void shuffledTablesSortBackIntoOrder() {
    Random random = new Random(SEED);
    System.out.println("VersionOrderTest seed: -Dtests.seed=" + SEED);
    for (int round = 0; round < 50; round++) {
      assertSortsBack(SemverOrder.INSTANCE, SEMVER_ASCENDING, random);
      assertSortsBack(MavenOrder.INSTANCE, MAVEN_ASCENDING, random);
      assertSortsBack(Pep440Order.INSTANCE, PEP440_ASCENDING, random);
    }
  }

  @Test
  void randomReleasesCompareAsTheirNumbers() {
    Random random = new Random(SEED);
    for (int i = 0; i < 2_000; i++) {
      int[] a = {random.nextInt(4), random.nextInt(4), random.nextInt(12)};
      int[] b = {random.nextInt(4), random.nextInt(4), random.nextInt(12)};
      int expected = Integer.signum(java.util.Arrays.compare(a, b));
      String x = a[0] + "." + a[1] + "." + a[2];
      String y = b[0] + "." + b[1] + "." + b[2];
      String seed = " (seed " + SEED + ")";
      assertThat(SemverOrder.INSTANCE.compare(x, y)).as(x + " vs " + y + seed).isEqualTo(expected);
      assertThat(MavenOrder.INSTANCE.compare(x, y)).as(x + " vs " + y + seed).isEqualTo(expected);
      assertThat(Pep440Order.INSTANCE.compare(x, y)).as(x + " vs " + y + seed).isEqualTo(expected);
    }
  }

  private static void assertAscending(VersionOrder order, List<String> ascending) {
    for (int i = 0; i < ascending.size(); i++) {
      for (int j = 0; j < ascending.size(); j++) {
        String a = ascending.get(i);
        String b = ascending.get(j);
        assertThat(Integer.signum(order.compare(a, b)))
            .as("%s compared with %s", a, b)
            .isEqualTo(Integer.compare(i, j));
      }
    }
  }

  private static void assertEqual(VersionOrder order, String a, String b) {
    assertThat(order.compare(a, b)).as("%s equals %s", a, b).isZero();
    assertThat(order.compare(b, a)).as("%s equals %s", b, a).isZero();
  }

  private static void assertSortsBack(VersionOrder order, List<String> ascending, Random random) {
    List<String> shuffled = new ArrayList<>(ascending);
    Collections.shuffle(shuffled, random);
    shuffled.sort(order::compare);
    assertThat(shuffled).as("seed " + SEED).containsExactlyElementsOf(ascending);
  }
}
