package dev.oncell.agent.tools.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every shipped rule against its true- and false-positive fixtures. */
class SecretRuleFixturesTest {

  private final SecretScanner scanner = SecretScanner.defaults();
  private final RuleFixtures fixtures = RuleFixtures.load();

  @Test
  void everyShippedRuleHasBothKindsOfFixtures() {
    Set<String> covered = new TreeSet<>();
    for (RuleFixtures.Fixture f : fixtures.fixtures()) {
      assertThat(f.positive()).as("true positives of %s", f.rule()).isNotEmpty();
      assertThat(f.negative()).as("false positives of %s", f.rule()).isNotEmpty();
      covered.add(f.rule());
    }
    Set<String> shipped = new TreeSet<>();
    SecretRules.builtin().rules().forEach(r -> shipped.add(r.id()));
    assertThat(covered).as("rules with fixtures").isEqualTo(shipped);
  }

  @TestFactory
  Stream<DynamicTest> eachRuleFindsItsPositivesAndNotItsNegatives() {
    List<DynamicTest> tests = new ArrayList<>();
    for (RuleFixtures.Fixture f : fixtures.fixtures()) {
      for (String text : f.positive()) {
        tests.add(
            DynamicTest.dynamicTest(
                f.rule() + " finds: " + text,
                () -> assertThat(RuleFixtures.finds(scanner, f.rule(), text)).isTrue()));
      }
      for (String text : f.negative()) {
        tests.add(
            DynamicTest.dynamicTest(
                f.rule() + " ignores: " + text,
                () -> assertThat(RuleFixtures.finds(scanner, f.rule(), text)).isFalse()));
      }
    }
    return tests.stream();
  }
}
