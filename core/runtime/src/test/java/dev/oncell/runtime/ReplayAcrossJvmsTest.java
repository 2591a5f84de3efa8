package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.fixtures.TestHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that streamed {@code Map.of} data is killed with SIGKILL and resumed in other JVMs, whose
 * {@code Map.of} iterates in another order: it replays those stream steps and completes. Before
 * request hashes were canonical, such a run failed {@code non_determinism} after most restarts.
 * Child hosts are started until one iterates the map differently from the JVM that recorded the
 * steps, so the test never passes only by luck of the salt.
 */
@org.junit.jupiter.api.Tag("abuse")
class ReplayAcrossJvmsTest {

  @TempDir Path tmp;

  /** The home of the child hosts, and of the host that checks the run once they are gone. */
  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withSandbox("bubblewrap"));

  private final List<Child> children = new ArrayList<>();

  record Child(Process process, List<String> output) {

    String await(Predicate<String> line, Duration limit) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline) {
        for (String l : output) {
          if (line.test(l)) {
            return l;
          }
        }
        if (!process.isAlive() && output.stream().noneMatch(line)) {
          Thread.sleep(100); // the last lines may still be on their way
          return output.stream().filter(line).findFirst().orElse(null);
        }
        Thread.sleep(20);
      }
      return null;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child host died").isTrue();
    }
  }

  private Child start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ReplayChild.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  output.add(line);
                }
              } catch (IOException e) {
                // the process is gone
              }
            });
    Child child = new Child(process, output);
    children.add(child);
    return child;
  }

  @AfterEach
  void stop() {
    children.forEach(c -> c.process().destroyForcibly());
  }

  private List<String> log(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private void awaitHolding(Path log, int times, Child child) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (Collections.frequency(log(log), "holding") < times) {
      assertThat(child.output().stream().filter(l -> l.startsWith("finished")))
          .as("the run ended before it held again: %s", child.output())
          .isEmpty();
      assertThat(System.nanoTime())
          .as("the run held %d times: %s / %s", times, log(log), child.output())
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void aRunThatStreamedMapOfResumesInAnotherJvm() throws Exception {
    Path home = oncell.home();
    Path log = tmp.resolve("log.txt");
    Path gate = tmp.resolve("gate");
    Child first = start("start", home.toString(), log.toString(), gate.toString());
    String runLine = first.await(l -> l.startsWith("run "), Duration.ofSeconds(120));
    assertThat(runLine).as("the first host started the run: %s", first.output()).isNotNull();
    String runId = runLine.substring(4);
    awaitHolding(log, 1, first);
    first.kill();
    String recordedOrder = log(log).getFirst();

    // Restart until a JVM iterates Map.of in another order and gets past the replayed streams.
    Child resumed = null;
    for (int attempt = 2; attempt <= 12; attempt++) {
      Child child = start("resume", home.toString(), runId);
      awaitHolding(log, attempt, child);
      List<String> orders = log(log).stream().filter(l -> l.startsWith("order ")).toList();
      if (!orders.getLast().equals(recordedOrder)) {
        resumed = child;
        break;
      }
      child.kill();
    }
    assertThat(resumed)
        .as("some restart iterated Map.of unlike '%s': %s", recordedOrder, log(log))
        .isNotNull();
    Files.createFile(gate);
    String finished = resumed.await(l -> l.startsWith("finished "), Duration.ofSeconds(60));
    assertThat(finished)
        .as("the run replayed the streams recorded in another order (%s)", log(log))
        .isEqualTo("finished succeeded -");
    assertThat(resumed.process().waitFor(60, TimeUnit.SECONDS))
        .as("the child host closed, releasing its databases")
        .isTrue();
    Host host = oncell.open();
    RunInfo run = host.runs().find(runId).orElseThrow();
    assertThat(run.result().orElseThrow().asText()).isEqualTo("reported");
    List<RunEvent> events = host.runs().events(runId, 0, Duration.ZERO).events();
    assertThat(events.stream().filter(e -> e.type().equals("progress")))
        .as("the progress event was sent once, not again by a replay")
        .hasSize(1);
  }
}
