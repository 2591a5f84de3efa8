package dev.oncell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link SandboxBackend} must do. A backend's test subclasses this with one factory
 * method.
 */
public abstract class SandboxContract {

  /** Variables the sandbox sets itself (or the shell does), whatever the host had. */
  private static final Set<String> SANDBOX_VARIABLES =
      Set.of("PATH", "HOME", "LANG", "USER", "TERM", "PWD", "SHLVL", "_", "OLDPWD");

  @TempDir protected Path tmp;
  protected Path work;
  protected Sandbox sandbox;

  protected abstract SandboxBackend backend(Path runtimeDir);

  @BeforeEach
  void openSandbox() throws IOException {
    work = Files.createDirectories(tmp.resolve("cells/a/work"));
    SandboxBackend backend = backend(tmp.resolve("runtime"));
    backend.verify();
    sandbox = backend.open(SandboxSpec.of("a", work));
  }

  @AfterEach
  void closeSandbox() {
    sandbox.close();
  }

  protected ExecResult run(String command) {
    return sandbox.exec(ExecRequest.of(command, Duration.ofSeconds(20)));
  }

  @Test
  void capturesStdoutStderrAndExitCode() {
    ExecResult result = run("echo out; echo err >&2; exit 3");
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.timedOut()).isFalse();
    assertThat(result.truncated()).isFalse();
  }

  @Test
  void streamsOutputLinesWhileRunning() {
    List<String> lines = new CopyOnWriteArrayList<>();
    ExecResult result =
        sandbox.exec(
            new ExecRequest(
                "echo one; echo two >&2; printf 'three'",
                Duration.ofSeconds(10),
                Map.of(),
                Optional.empty(),
                "",
                1 << 20,
                (stream, line) -> lines.add(stream + ":" + line)));
    assertThat(result.exitCode()).isZero();
    assertThat(lines).containsExactlyInAnyOrder("STDOUT:one", "STDERR:two", "STDOUT:three");
  }

  @Test
  void neverLosesOutputWrittenJustBeforeExit() {
    for (int i = 0; i < 20; i++) {
      ExecResult result = run("head -c 65536 /dev/zero | tr '\\0' x; printf END");
      assertThat(result.stdout()).as("run %d", i).hasSize(65539).endsWith("END");
    }
  }

  @Test
  void unknownCommandExits127() {
    assertThat(run("no-such-command-here").exitCode()).isEqualTo(127);
  }

  @Test
  void readsAndWritesTheWorkFolder() throws IOException {
    Files.writeString(work.resolve("in.txt"), "hello");
    ExecResult result = run("cat in.txt && echo written > out.txt");
    assertThat(result.stdout()).isEqualTo("hello");
    assertThat(work.resolve("out.txt")).hasContent("written");
  }

  @Test
  void runsInTheRequestedSubfolder() throws IOException {
    Files.createDirectories(work.resolve("sub/dir"));
    Files.writeString(work.resolve("sub/dir/f"), "x");
    ExecResult result =
        sandbox.exec(
            new ExecRequest(
                "ls", Duration.ofSeconds(10), Map.of(), Optional.empty(), "sub/dir", 1 << 20));
    assertThat(result.stdout()).isEqualTo("f\n");
  }

  @Test
  void refusesAMissingWorkingFolder() {
    assertThatThrownBy(
            () ->
                sandbox.exec(
                    new ExecRequest(
                        "true", Duration.ofSeconds(5), Map.of(), Optional.empty(), "nope", 100)))
        .isInstanceOf(SandboxException.class);
  }

  @Test
  void passesStdinAndEnvironment() {
    ExecResult result =
        sandbox.exec(
            new ExecRequest(
                "cat; echo \" $GREETING\"",
                Duration.ofSeconds(10),
                Map.of("GREETING", "hi"),
                Optional.of("from stdin".getBytes(StandardCharsets.UTF_8)),
                "",
                1 << 20));
    assertThat(result.stdout()).isEqualTo("from stdin hi\n");
  }

  @Test
  void startsFromACleanEnvironment() {
    String env = run("env").stdout();
    for (String hostVariable : System.getenv().keySet()) {
      if (!SANDBOX_VARIABLES.contains(hostVariable)) {
        assertThat(env)
            .as("host variable %s must not reach the sandbox", hostVariable)
            .doesNotContain(hostVariable + "=");
      }
    }
  }

  @Test
  void capsOutputWithAMarker() {
    ExecResult result =
        sandbox.exec(
            new ExecRequest(
                "head -c 3000000 /dev/zero | tr '\\0' a; echo done >&2",
                Duration.ofSeconds(20),
                Map.of(),
                Optional.empty(),
                "",
                1000));
    assertThat(result.truncated()).isTrue();
    assertThat(result.stdout()).startsWith("a".repeat(1000)).contains("output truncated");
    assertThat(result.stdout().length()).isLessThan(1200);
    assertThat(result.stderr()).isEqualTo("done\n");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void timeoutKillsTheWholeTreeIncludingSetsidChildren() throws Exception {
    ExecResult result =
        sandbox.exec(
            ExecRequest.of(
                "setsid sh -c 'while true; do date +%s%N > beat-setsid; sleep 0.05; done' &"
                    + " (setsid sh -c 'while true; do date +%s%N > beat-orphan; sleep 0.05; done' &);"
                    + " sh -c 'while true; do date +%s%N > beat-child; sleep 0.05; done' &"
                    + " sleep 60",
                Duration.ofMillis(1500)));
    assertThat(result.timedOut()).isTrue();
    assertThat(result.exitCode()).isEqualTo(137);
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(15));
    assertNoHeartbeat("beat-setsid", "beat-orphan", "beat-child");
  }

  @Test
  void backgroundProcessesEndWithTheCommand() throws Exception {
    ExecResult result =
        run(
            "sh -c 'while true; do date +%s%N > beat-bg; sleep 0.05; done' >/dev/null 2>&1 &"
                + " while [ ! -s beat-bg ]; do sleep 0.01; done; exit 0");
    assertThat(result.exitCode()).isZero();
    assertNoHeartbeat("beat-bg");
  }

  @Test
  void aCommandThatClosesItsOutputsButLingersStillTimesOut() {
    ExecResult result =
        sandbox.exec(ExecRequest.of("exec >&- 2>&-; sleep 60", Duration.ofMillis(500)));
    assertThat(result.timedOut()).isTrue();
  }

  /** Each file is a heartbeat written every 50 ms; none may change any more. */
  private void assertNoHeartbeat(String... files) throws Exception {
    Thread.sleep(300);
    for (String file : files) {
      Path beat = work.resolve(file);
      assertThat(beat)
          .as("the %s loop must have started, or this test proves nothing", file)
          .exists();
      String before = Files.exists(beat) ? Files.readString(beat) : "";
      Thread.sleep(600);
      String after = Files.exists(beat) ? Files.readString(beat) : "";
      assertThat(after).as("%s must stop beating once the command is over", file).isEqualTo(before);
    }
  }
}
