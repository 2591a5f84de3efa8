package dev.oncell.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.cli.CliEnvironment;
import dev.oncell.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oncell eval coding|review} in process on the shipped suites with their recorded answers:
 * real host, real sandbox (bubblewrap), real loopback remote and GitHub stand-in, the built plugin
 * jars. Checks the rows and the scores the recorded answers must give, and the usage errors.
 */
class EvalCommandTest {

  static final Path ROOT = Path.of(System.getProperty("oncell.eval.root", "../.."));
  static final Path EVAL = ROOT.resolve("eval").toAbsolutePath().normalize();

  @TempDir Path tmp;

  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  Run oncell(String... args) {
    CliEnvironment env =
        new CliEnvironment(
            tmp.resolve("user"),
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            Optional.empty());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        EvalMain.commandLine(new Main(env))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void theCodingSuiteResolvesWhatTheRecordedAnswersFix() {
    Run run =
        oncell(
            "eval",
            "coding",
            "--suite",
            EVAL.resolve("suites/coding").toString(),
            "--model",
            "scripted:" + EVAL.resolve("scripted/coding"),
            "--task",
            "add-fix",
            "--task",
            "slugify",
            "--task",
            "factorial-zero");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .as(run.toString())
        .containsPattern("(?m)^TASK +RESOLVED +STATUS +ROUNDS +TOKENS +TIME S +NOTE$")
        .containsPattern("(?m)^add-fix +yes +succeeded +1 +[1-9]\\d* ")
        .containsPattern("(?m)^factorial-zero +no +failed +2 +[1-9]\\d* ")
        .containsPattern("(?m)^slugify +no +succeeded +1 +[1-9]\\d* .*hidden test failed")
        .containsPattern("resolved 1/3 \\(33%\\), rounds 1\\.3 a task");
  }

  @Test
  void theReviewSuiteScoresPrecisionAndRecall() {
    Run run =
        oncell(
            "eval",
            "review",
            "--suite",
            EVAL.resolve("suites/review").toString(),
            "--model",
            "scripted:" + EVAL.resolve("scripted/review"),
            "--task",
            "bare-except",
            "--task",
            "division-zero",
            "--task",
            "sql-injection",
            "--task",
            "clean-change");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .as(run.toString())
        .containsPattern("(?m)^bare-except +1 +2 +1 +0\\.50 +1\\.00 +2 +approved ")
        .containsPattern("(?m)^division-zero +1 +0 +0 +- +0\\.00 +0 +approved ")
        .containsPattern("(?m)^sql-injection +1 +1 +1 +1\\.00 +1\\.00 +1 +changes_requested ")
        .containsPattern("(?m)^clean-change +0 +0 +0 +- +- +0 +approved ")
        .contains("precision 0.67 (2 of 3 reported), recall 0.67 (2 of 3 expected), 4 tasks");
  }

  @Test
  void badArgumentsAndSuitesFailClearlyBeforeAnyTaskRuns() throws IOException {
    Run noModel =
        oncell(
            "eval", "coding", "--suite", EVAL.resolve("suites/coding").toString(), "--model", " ");
    assertThat(noModel.exitCode()).isEqualTo(2);
    assertThat(noModel.err()).contains("--model needs scripted:DIR");

    Run missingDir =
        oncell(
            "eval",
            "review",
            "--suite",
            EVAL.resolve("suites/review").toString(),
            "--model",
            "scripted:" + tmp.resolve("nowhere"));
    assertThat(missingDir.err()).contains("is not a folder of recorded answers");

    Path suite = Files.createDirectories(tmp.resolve("suite/Bad_Name"));
    Files.writeString(suite.resolve("task.json"), "{}");
    Run badName =
        oncell(
            "eval",
            "coding",
            "--suite",
            tmp.resolve("suite").toString(),
            "--model",
            "scripted:" + tmp);
    assertThat(badName.exitCode()).as(badName.toString()).isEqualTo(2);
    assertThat(badName.err()).contains("Bad_Name").contains("names are");

    Path ok = Files.createDirectories(tmp.resolve("suite2/t1/repo"));
    Files.writeString(ok.getParent().resolve("task.json"), "{\"test\": \"true\"}");
    Files.writeString(ok.resolve("a.py"), "");
    Run noInstruction =
        oncell(
            "eval",
            "coding",
            "--suite",
            tmp.resolve("suite2").toString(),
            "--model",
            "scripted:" + tmp);
    assertThat(noInstruction.err()).contains("\"instruction\" (text) is required");

    Run unknownTask =
        oncell(
            "eval",
            "review",
            "--suite",
            EVAL.resolve("suites/review").toString(),
            "--model",
            "scripted:" + EVAL.resolve("scripted/review"),
            "--task",
            "nope");
    assertThat(unknownTask.err()).contains("--task nope: no such task");

    Run noAnswers =
        oncell(
            "eval",
            "review",
            "--suite",
            EVAL.resolve("suites/review").toString(),
            "--model",
            "scripted:" + tmp,
            "--task",
            "clean-change");
    assertThat(noAnswers.err()).contains("no recorded answers for task clean-change");
  }
}
