package dev.oncell.plugins.security.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.plugins.security.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Files the customer controls, made to hurt: garbage in every language, and a rule whose regular
 * expression backtracks catastrophically on the file's text. The scan ends, with the file skipped
 * or scanned, never an exception or a hung thread.
 */
class HostileInputTest {

  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

  @Test
  void garbageInEveryLanguageScansWithoutFailing() {
    Random random = new Random(SEED);
    String alphabet = "(){}[]<>;:,.=+-*/%!&|^~?'\"`$#@\\\n\t abcxyz019_ifelsewhilereturnfunc";
    List<SourceFile> files = new ArrayList<>();
    for (String ext : List.of("java", "py", "js", "ts", "tsx", "go")) {
      for (int i = 0; i < 20; i++) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(3_000); n > 0; n--) {
          sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        files.add(
            new SourceFile(
                "g" + i + "." + ext, "x", sb.toString().getBytes(StandardCharsets.UTF_8)));
      }
    }

    CodeScan scan = CodeScanner.create().scanAll(files);

    assertThat(scan.scanned() + scan.skipped().size())
        .as("every file scanned or skipped (seed %d, -Dtests.seed to repeat)", SEED)
        .isEqualTo(files.size());
  }

  @Test
  void aCatastrophicRuleOnAHostileFileCostsTheFilesBudgetOnly() {
    Rules rules =
        RuleLoader.parse(
            """
            {"sources": [{"call": "input"}],
             "sinks": [{"id": "slow", "category": "sql", "call": "run", "always": true,
                        "requires": "(a*)*\\\\1b"}]}
            """
                .getBytes(StandardCharsets.UTF_8),
            "slow.json");
    // (a*)*\1b backtracks exponentially even with java.util.regex's loop memoization.
    String hostile = "run(\"" + "a".repeat(64) + "!\")\n";
    SourceFile file = new SourceFile("a.py", "x", hostile.getBytes(StandardCharsets.UTF_8));
    SourceFile fine = new SourceFile("b.py", "x", "run('b')\n".getBytes(StandardCharsets.UTF_8));

    CodeScan scan =
        CodeScanner.withRules(rules, new CodeLimits(512 * 1024, 500_000, 400, 200))
            .scanAll(List.of(file, fine));

    assertThat(scan.skipped())
        .containsExactly(
            new CodeScan.Skipped("a.py", "skipped: took longer than the per-file time budget"));
    assertThat(scan.scanned()).as("the next file is scanned").isEqualTo(1);
  }
}
