package dev.oncell.plugins.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.agent.forge.ReviewComment.Side;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The review's pure parts: the diff's line numbers, the rules file, the finding check. */
class ReviewUnitsTest {

  static final String PATCH =
      """
      diff --git a/src/a.py b/src/a.py
      index 1111111..2222222 100644
      --- a/src/a.py
      +++ b/src/a.py
      @@ -2,4 +2,5 @@ def f():
       keep2
      -old3
      +new3
      +new4
       keep4
       keep5
      diff --git a/gone.txt b/gone.txt
      deleted file mode 100644
      --- a/gone.txt
      +++ /dev/null
      @@ -1 +0,0 @@
      -bye
      """;

  @Test
  void theDiffKnowsEveryLineNumberOnBothSides() {
    UnifiedDiff diff = UnifiedDiff.parse(PATCH);
    assertThat(diff.files())
        .extracting(UnifiedDiff.FileChange::path)
        .containsExactly("src/a.py", "gone.txt");
    UnifiedDiff.FileChange a = diff.file("src/a.py").orElseThrow();
    assertThat(a.line(Side.RIGHT, 3)).contains("new3");
    assertThat(a.line(Side.RIGHT, 4)).contains("new4");
    assertThat(a.line(Side.RIGHT, 6)).as("kept line after the change").contains("keep5");
    assertThat(a.line(Side.LEFT, 3)).contains("old3");
    assertThat(a.line(Side.RIGHT, 7)).as("past the hunk").isEmpty();
    assertThat(a.line(Side.RIGHT, 1)).as("before the hunk").isEmpty();
    assertThat(diff.file("gone.txt").orElseThrow().deleted()).isTrue();
  }

  @Test
  void theRulesFileIsReadAndABadOneNamesWhatIsWrong() {
    ReviewConfig config =
        ReviewConfigReader.fromYaml(
            """
            # the team's rules
            include: ["src/**"]
            exclude:
              - "src/generated/**"
            threshold: major   # no nits
            profile: thorough
            """);
    assertThat(config.reviews("src/a.py")).isTrue();
    assertThat(config.reviews("src/generated/b.py")).isFalse();
    assertThat(config.reviews("docs/c.md")).isFalse();
    assertThat(config.posts(Severity.MINOR)).isFalse();
    assertThat(config.posts(Severity.CRITICAL)).isTrue();
    assertThat(config.profile()).isEqualTo(ReviewConfig.Profile.THOROUGH);
    assertThat(config.blockOn()).isEqualTo(Severity.CRITICAL);

    assertThatThrownBy(() -> ReviewConfigReader.fromYaml("treshold: major"))
        .isInstanceOf(ReviewException.class)
        .hasMessageContaining("unknown review setting 'treshold'");
    assertThatThrownBy(() -> ReviewConfigReader.fromYaml("threshold: huge"))
        .hasMessageContaining("threshold is 'huge'");
    assertThat(ReviewConfigReader.fromYaml("# nothing but a comment\n"))
        .isEqualTo(ReviewConfig.defaults());
  }

  @Test
  void perPathInstructionsGoToTheModelWithTheFilesTheyMatch() {
    ReviewConfig config =
        ReviewConfigReader.fromYaml(
            """
            instructions:
              "src/**": Every query must be parameterised.
              "**/*.py": Public functions need type hints.
              "docs/**": Links must be relative.
            """);
    assertThat(config.instructionsFor("src/a.py"))
        .as("every matching glob, in the order written")
        .containsExactly("Every query must be parameterised.", "Public functions need type hints.");
    assertThat(config.instructionsFor("gone.txt")).isEmpty();

    String prompt =
        ReviewPrompt.user(
            new dev.oncell.agent.forge.PullRequest(
                7,
                "http://forge/pr/7",
                dev.oncell.agent.forge.PullRequest.State.OPEN,
                false,
                "Change a",
                "",
                "feature",
                "a".repeat(40),
                "main",
                "b".repeat(40)),
            UnifiedDiff.parse(PATCH),
            List.of(),
            config);
    String forA = prompt.substring(prompt.indexOf("### src/a.py"), prompt.indexOf("### gone.txt"));
    assertThat(forA)
        .contains("Team's instruction for this file: Every query must be parameterised.")
        .contains("Team's instruction for this file: Public functions need type hints.")
        .doesNotContain("Links must be relative");
    assertThat(prompt.substring(prompt.indexOf("### gone.txt"))).doesNotContain("instruction");

    // the customer's config takes the same shape as JSON
    ReviewConfig fromJson =
        ReviewConfigReader.fromJson(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .set(
                    "instructions",
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode()
                        .put("src/**", "Check the locking.")));
    assertThat(fromJson.instructionsFor("src/b.py")).containsExactly("Check the locking.");
  }

  @Test
  void aBadRulesFileFailsWithWhatIsWrongAndWhere() {
    assertThatThrownBy(() -> ReviewConfigReader.fromYaml("threshold: major\n  profile: [terse\n"))
        .isInstanceOf(ReviewException.class)
        .hasMessageContaining("cannot read .oncell/review.yaml")
        .hasMessageContaining("line");
    assertThatThrownBy(() -> ReviewConfigReader.fromYaml("- a\n- b\n"))
        .hasMessageContaining("must be a mapping of settings");
    assertThatThrownBy(() -> ReviewConfigReader.fromYaml("instructions: [a, b]\n"))
        .hasMessageContaining("instructions maps globs");
    assertThatThrownBy(() -> ReviewConfigReader.fromYaml("instructions:\n  \"src/**\": [x]\n"))
        .hasMessageContaining("the instruction for 'src/**' must be text");
    assertThatThrownBy(() -> ReviewConfigReader.fromYaml("threshold: [major, minor]\n"))
        .hasMessageContaining("threshold takes one value");
    assertThatThrownBy(() -> ReviewConfigReader.fromYaml("include: {a: b}\n"))
        .hasMessageContaining("include is a glob or a list of globs");
    assertThatThrownBy(
            () ->
                ReviewConfigReader.fromYaml(
                    "profile: terse\n# " + "x".repeat(ReviewConfigReader.MAX_FILE_CHARS)))
        .hasMessageContaining("over the " + ReviewConfigReader.MAX_FILE_CHARS);
    // a base branch's file is the customer's: an alias bomb is refused, never expanded
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      String prev = String.valueOf((char) (c - 1));
      bomb.append(c).append(": &").append(c).append(" [");
      bomb.append(String.join(", ", java.util.Collections.nCopies(10, "*" + prev)));
      bomb.append("]\n");
    }
    bomb.append("include: *k\n");
    assertThatThrownBy(() -> ReviewConfigReader.fromYaml(bomb.toString()))
        .as("refused at once with the rules' own error, nothing expanded")
        .isInstanceOf(ReviewException.class)
        .hasMessageContaining("unknown review setting 'a'");
  }

  @Test
  void theCheckAnchorsMovesDropsAndDeduplicates() {
    UnifiedDiff diff = UnifiedDiff.parse(PATCH);
    FindingCheck check =
        new FindingCheck(diff, Set.of("src/a.py", "src/b.py"), ReviewConfig.defaults(), Set.of());
    Finding inDiff = finding("src/a.py", 3, Optional.of("new3"));
    Finding twice = finding("src/a.py", 3, Optional.empty());
    Finding away = finding("src/b.py", 10, Optional.of("x"));
    Finding invented = finding("src/nope.py", 1, Optional.empty());

    FindingCheck.Outcome out = check.check(List.of(inDiff, twice, away, invented));

    assertThat(out.inline()).hasSize(1);
    assertThat(out.inline().getFirst().finding().suggestion())
        .as("a suggestion equal to the line changes nothing: dropped")
        .isEmpty();
    assertThat(out.outsideDiff()).extracting(c -> c.finding().file()).containsExactly("src/b.py");
    assertThat(out.outsideDiff().getFirst().finding().suggestion()).isEmpty();
    assertThat(out.duplicates()).isEqualTo(1);
    assertThat(out.dropped()).as("a file that does not exist at head").isEqualTo(1);
  }

  @Test
  void secretsOnAddedLinesAreCriticalSecurityFindingsAndTheValueIsNeverShown() {
    String key = "AKIA" + "Q3EXAMPLEKEY7H2Z";
    UnifiedDiff diff =
        UnifiedDiff.parse(
            """
            diff --git a/app.cfg b/app.cfg
            --- a/app.cfg
            +++ b/app.cfg
            @@ -1,2 +1,3 @@
            -aws_key = %1$s
             name = shop
            +aws_key = %1$s
            +password = changeme-placeholder-value
            """
                .formatted(key));

    List<Finding> found =
        new SecretFindings(dev.oncell.agent.tools.SecretDetector.defaults()).in(diff);

    assertThat(found).as("the added key only; not the removed line, not a placeholder").hasSize(1);
    Finding f = found.getFirst();
    assertThat(f.where()).isEqualTo("app.cfg:2");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.category()).isEqualTo(Category.SECURITY);
    assertThat(f.title()).contains("aws-access-key-id");
    assertThat(f.title() + f.body()).as("the value is redacted").doesNotContain(key);
  }

  private static Finding finding(String file, int line, Optional<String> suggestion) {
    return new Finding(
        file, line, Side.RIGHT, Severity.MAJOR, Category.BUG, "Off by one", "Body.", suggestion);
  }
}
