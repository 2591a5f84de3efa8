package dev.oncell.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditBlocksTest {

  private static final String CALC =
      """
      def add(a, b):
          return a - b


      def mul(a, b):
          return a * b
      """;

  @Test
  void parsesBlocksWithPathsFencesAndProse() {
    String answer =
        """
        I will fix `add` and add a helper.

        **calc.py**
        ```python
        <<<<<<< SEARCH
            return a - b
        =======
            return a + b
        >>>>>>> REPLACE
        ```

        `util/helpers.py`:
        ```
        <<<<<<< SEARCH
        =======
        def double(x):
            return 2 * x
        >>>>>>> REPLACE
        ```
        """;
    EditBlocks.Parsed parsed = EditBlocks.parse(answer);
    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.blocks())
        .containsExactly(
            new EditBlock.Replace("calc.py", "    return a - b\n", "    return a + b\n"),
            new EditBlock.WriteFile("util/helpers.py", "def double(x):\n    return 2 * x\n"));
  }

  @Test
  void aBlockWithoutAnEndOrAPathIsAProblemNotSilence() {
    EditBlocks.Parsed unclosed = EditBlocks.parse("calc.py\n<<<<<<< SEARCH\nx\n=======\ny\n");
    assertThat(unclosed.blocks()).isEmpty();
    assertThat(unclosed.problems()).singleElement().asString().contains("line 2", "REPLACE");

    EditBlocks.Parsed noPath = EditBlocks.parse("<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n");
    assertThat(noPath.blocks()).isEmpty();
    assertThat(noPath.problems()).singleElement().asString().contains("names no file");
  }

  @Test
  void appliesExactlyThenWithWhitespaceTolerance() {
    MemoryFiles files = new MemoryFiles().with("calc.py", CALC);
    List<EditOutcome> outcomes =
        EditBlocks.apply(
            files,
            List.of(
                new EditBlock.Replace("calc.py", "    return a - b\n", "    return a + b\n"),
                // the model lost the indentation: found line by line, re-indented
                new EditBlock.Replace(
                    "calc.py",
                    "def mul(a, b):\nreturn a * b\n",
                    "def mul(a, b):\n    # product\nreturn a * b\n")));
    assertThat(outcomes)
        .extracting(o -> ((EditOutcome.Applied) o).match())
        .containsExactly(EditOutcome.Match.EXACT, EditOutcome.Match.WHITESPACE);
    assertThat(files.text("calc.py"))
        .isEqualTo(
            """
            def add(a, b):
                return a + b


            def mul(a, b):
                # product
            return a * b
            """);
  }

  @Test
  void reindentsTheReplacementByTheFilesIndentation() {
    String file = "class A:\n    def f(self):\n        return 1\n";
    SearchReplace.Patch patch =
        SearchReplace.apply(file, "def f(self):\n    return 1\n", "def f(self):\n    return 2\n");
    assertThat(patch)
        .isEqualTo(
            new SearchReplace.Patched(
                "class A:\n    def f(self):\n        return 2\n", EditOutcome.Match.WHITESPACE));
  }

  @Test
  void aBlockThatDoesNotApplyIsRejectedWithAReasonAndChangesNothing() {
    MemoryFiles files = new MemoryFiles().with("calc.py", CALC).with("dup.py", "x = 1\nx = 1\n");
    List<EditOutcome> outcomes =
        EditBlocks.apply(
            files,
            List.of(
                new EditBlock.Replace("calc.py", "def add(a, b):\n    return b - a\n", "z"),
                new EditBlock.Replace("calc.py", "def sub(a, b):\n", "z"),
                new EditBlock.Replace("dup.py", "x = 1\n", "x = 2\n"),
                new EditBlock.Replace("missing.py", "a\n", "b\n"),
                new EditBlock.WriteFile("calc.py", "everything gone\n"),
                new EditBlock.WriteFile("../escape.py", "x"),
                new EditBlock.WriteFile("/etc/passwd", "x"),
                new EditBlock.WriteFile("src/.git/hooks/pre-commit", "x")));
    assertThat(outcomes).allMatch(o -> o instanceof EditOutcome.Rejected);
    assertThat(outcomes)
        .extracting(o -> ((EditOutcome.Rejected) o).reason())
        .satisfiesExactly(
            r -> assertThat(r).contains("matches line 1 but the following lines differ"),
            r -> assertThat(r).contains("`def sub(a, b):` is nowhere"),
            r -> assertThat(r).contains("occurs 2 times (lines [1, 2])"),
            r -> assertThat(r).contains("no such file"),
            r -> assertThat(r).contains("the file exists"),
            r -> assertThat(r).contains("no .."),
            r -> assertThat(r).contains("relative"),
            r -> assertThat(r).contains(".git"));
    assertThat(files.text("calc.py")).isEqualTo(CALC);
    assertThat(files.text("dup.py")).isEqualTo("x = 1\nx = 1\n");
    assertThat(files.files).containsOnlyKeys("calc.py", "dup.py");
  }

  @Test
  void theLastLineOfAFileWithoutANewlineStillMatches() {
    assertThat(SearchReplace.apply("a\nb", "b\n", "c\n"))
        .isEqualTo(new SearchReplace.Patched("a\nc", EditOutcome.Match.EXACT));
  }

  @Test
  void blocksOnOneFileApplyInOrder() {
    MemoryFiles files = new MemoryFiles().with("f.txt", "one\n");
    EditBlocks.apply(
        files,
        List.of(
            new EditBlock.Replace("f.txt", "one\n", "two\n"),
            new EditBlock.Replace("f.txt", "two\n", "three\n")));
    assertThat(files.text("f.txt")).isEqualTo("three\n");
  }
}
