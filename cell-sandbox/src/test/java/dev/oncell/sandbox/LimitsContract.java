package dev.oncell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every isolating {@link SandboxBackend} must do about a cell's limits: each test drives a
 * command into one limit for real (a memory hog, a fork bomb, a disk filler, a busy loop) and
 * checks that the limit held, that the cell goes on working and that the host and other cells are
 * untouched. A backend's test subclasses this with one factory method. Needs root (cgroups, loop
 * mounts).
 *
 * <p>No assertion here is a lower bound on speed: the machine is shared. CPU is checked with an
 * upper bound that only a missing limit could exceed.
 */
public abstract class LimitsContract {

  private static final SandboxLimits SMALL = new SandboxLimits(1, 256 * SandboxLimits.MIB, 64, 0);

  @TempDir protected Path tmp;
  protected SandboxBackend backend;
  private final List<SandboxSpec> specs = new ArrayList<>();
  private final List<Sandbox> sandboxes = new ArrayList<>();

  protected abstract SandboxBackend backend(Path runtimeDir);

  @BeforeEach
  void verifyBackend() {
    backend = backend(tmp.resolve("runtime"));
    backend.verify();
  }

  @AfterEach
  void closeAndRelease() {
    sandboxes.forEach(Sandbox::close);
    specs.forEach(backend::release);
  }

  protected SandboxSpec spec(String id, SandboxLimits limits) throws IOException {
    Path cell = Files.createDirectories(tmp.resolve("cells").resolve(id));
    Path work = Files.createDirectories(cell.resolve("work"));
    SandboxSpec spec = new SandboxSpec(id, work, cell.resolve("sandbox"), limits, Optional.empty());
    specs.add(spec);
    return spec;
  }

  protected Sandbox open(SandboxSpec spec) {
    Sandbox sandbox = backend.open(spec);
    sandboxes.add(sandbox);
    return sandbox;
  }

  protected Sandbox open(String id, SandboxLimits limits) throws IOException {
    return open(spec(id, limits));
  }

  protected static ExecResult run(Sandbox sandbox, String command, Duration timeout) {
    return sandbox.exec(ExecRequest.of(command, timeout));
  }

  @Test
  void memoryHogIsKilledAndTheCellGoesOn() throws IOException {
    Sandbox sandbox = open("hog", SMALL.withMemoryBytes(64 * SandboxLimits.MIB));
    // tail keeps its whole last "line" in memory, and /dev/zero has no newline.
    ExecResult hog =
        run(sandbox, "head -c 1G /dev/zero | tail; echo $? >&2", Duration.ofSeconds(120));
    assertThat(hog.timedOut()).as("the hog is killed, not timed out: %s", hog).isFalse();
    // tail is SIGKILLed by the OOM killer (137). Under gVisor the host's OOM killer takes the
    // cell's whole sandbox, one host process: then the command itself ends as SIGKILLed, saying so.
    List<String> lines = hog.stderr().strip().lines().toList();
    boolean tailKilled = !lines.isEmpty() && lines.getLast().equals("137");
    boolean sandboxKilled = hog.exitCode() == 137 && hog.stderr().contains("out of memory");
    assertThat(tailKilled || sandboxKilled)
        .as("SIGKILL by the OOM killer, of tail or of the sandbox: %s", hog)
        .isTrue();
    ExecResult next = run(sandbox, "echo still here", Duration.ofSeconds(20));
    assertThat(next.stdout()).isEqualTo("still here\n");
    assertThat(next.exitCode()).isZero();
  }

  @Test
  void forkBombIsContainedAndLeavesNothing() throws Exception {
    int limit = 32;
    Sandbox sandbox = open("bomb", SMALL.withMaxProcesses(limit));
    AtomicInteger mostSeen = new AtomicInteger();
    Thread watcher =
        Thread.ofVirtual()
            .name("fork-bomb-watcher")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    sandbox
                        .usage()
                        .processes()
                        .ifPresent(n -> mostSeen.accumulateAndGet(n, Math::max));
                    try {
                      Thread.sleep(50);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    Thread bomb =
        Thread.ofVirtual()
            .name("fork-bomb")
            .start(
                () ->
                    run(
                        sandbox,
                        "bomb() { bomb | bomb & }; bomb; sleep 60",
                        Duration.ofSeconds(8)));
    Thread.sleep(2000);
    // The host still starts processes while the bomb goes off.
    Process host = new ProcessBuilder("/bin/true").start();
    assertThat(host.waitFor(60, TimeUnit.SECONDS)).as("a host process ends meanwhile").isTrue();
    bomb.join(Duration.ofSeconds(120));
    assertThat(bomb.isAlive()).as("the bomb's command ends at its timeout").isFalse();
    watcher.interrupt();
    watcher.join();
    assertThat(mostSeen.get()).as("processes seen in the cell").isBetween(1, limit);
    assertThat(waitForNoProcesses(sandbox)).as("processes left after the bomb").isZero();
    assertThat(run(sandbox, "echo fine", Duration.ofSeconds(20)).stdout()).isEqualTo("fine\n");
  }

  private static int waitForNoProcesses(Sandbox sandbox) throws InterruptedException {
    int left = -1;
    for (int i = 0; i < 200; i++) {
      left = sandbox.usage().processes().orElseThrow();
      if (left == 0) {
        return 0;
      }
      Thread.sleep(50);
    }
    return left;
  }

  @Test
  void diskFillerGetsEnospcAndOtherCellsStillWrite() throws IOException {
    long quota = 32 * SandboxLimits.MIB;
    Sandbox filler = open("filler", SMALL.withDiskBytes(quota));
    Sandbox other = open("other", SMALL.withDiskBytes(quota));
    ExecResult fill = run(filler, "head -c 64M /dev/zero > fill", Duration.ofSeconds(60));
    assertThat(fill.exitCode()).as("the filler fails: %s", fill).isNotZero();
    assertThat(fill.stderr()).contains("No space left on device");
    SandboxUsage usage = filler.usage();
    assertThat(usage.diskTotalBytes().orElseThrow()).isLessThanOrEqualTo(quota);
    assertThat(usage.diskUsedBytes().orElseThrow())
        .as("the filler used its disk up")
        .isGreaterThan(quota / 2);
    ExecResult write = run(other, "head -c 4M /dev/zero > f && wc -c < f", Duration.ofSeconds(60));
    assertThat(write.stdout().strip()).as("another cell writes: %s", write).isEqualTo("4194304");
    assertThat(
            run(filler, "rm fill && echo 1 > small && cat small", Duration.ofSeconds(20)).stdout())
        .as("the filler's cell works again once it frees space")
        .isEqualTo("1\n");
  }

  @Test
  void busyLoopGetsOnlyItsCpuShare() throws IOException {
    double cpus = 0.25;
    Sandbox sandbox = open("busy", SMALL.withCpus(cpus));
    long before = sandbox.usage().cpuNanos().orElseThrow();
    long start = System.nanoTime();
    // Two loops: the share is the cell's, not each process's.
    ExecResult result =
        run(
            sandbox,
            "timeout 4 sh -c 'while :; do :; done' & timeout 4 sh -c 'while :; do :; done'; wait",
            Duration.ofSeconds(60));
    long wall = System.nanoTime() - start;
    long used = sandbox.usage().cpuNanos().orElseThrow() - before;
    assertThat(result.timedOut()).isFalse();
    // Upper bound only: without the limit two loops would use about 8 s of CPU in 4 s.
    assertThat(used)
        .as("CPU ns used in %d ns of wall time with %s cpus", wall, cpus)
        .isLessThan((long) (cpus * wall * 1.6) + 200_000_000L);
  }

  @Test
  void limitsShowInUsage() throws Exception {
    SandboxLimits limits =
        new SandboxLimits(0.5, 128 * SandboxLimits.MIB, 64, 32 * SandboxLimits.MIB);
    Sandbox sandbox = open("shown", limits);
    run(sandbox, "echo hello > f", Duration.ofSeconds(20));
    SandboxUsage usage = sandbox.usage();
    assertThat(usage.memoryLimitBytes()).hasValue(128 * SandboxLimits.MIB);
    assertThat(usage.cpuLimit()).hasValue(0.5);
    assertThat(usage.processLimit()).hasValue(64);
    assertThat(usage.diskTotalBytes().orElseThrow())
        .as("ext4 keeps some of the image for itself")
        .isBetween(24 * SandboxLimits.MIB, 32 * SandboxLimits.MIB);
    assertThat(usage.diskUsedBytes().orElseThrow()).isPositive();
    assertThat(usage.cpuNanos().orElseThrow()).isPositive();
    assertThat(usage.memoryBytes()).isPresent();
    assertThat(usage.processes()).isPresent();
    assertThat(waitForNoProcesses(sandbox)).as("processes once the command is over").isZero();
  }

  @Test
  void noDiskQuotaMeansNoDiskFigures() throws IOException {
    Sandbox sandbox = open("free", SMALL);
    assertThat(sandbox.usage().diskTotalBytes()).isEmpty();
    assertThat(sandbox.usage().memoryLimitBytes()).hasValue(SMALL.memoryBytes());
  }

  @Test
  void invalidLimitsAreRefused() {
    assertThatThrownBy(() -> SMALL.withCpus(0)).hasMessageContaining("cpus");
    assertThatThrownBy(() -> SMALL.withCpus(0.001)).hasMessageContaining("cpus");
    assertThatThrownBy(() -> SMALL.withCpus(Double.NaN)).hasMessageContaining("cpus");
    assertThatThrownBy(() -> SMALL.withMemoryBytes(SandboxLimits.MIB))
        .hasMessageContaining("memory");
    assertThatThrownBy(() -> SMALL.withMaxProcesses(2)).hasMessageContaining("maxProcesses");
    assertThatThrownBy(() -> SMALL.withDiskBytes(-1)).hasMessageContaining("disk");
    assertThatThrownBy(() -> SMALL.withDiskBytes(SandboxLimits.MIB)).hasMessageContaining("disk");
  }

  @Test
  void diskQuotaKeepsExistingFilesAndSurvivesRelease() throws IOException {
    SandboxSpec spec = spec("moved", SMALL.withDiskBytes(32 * SandboxLimits.MIB));
    Files.createDirectories(spec.workDir().resolve("src"));
    Files.writeString(spec.workDir().resolve("src/Main.java"), "class Main {}");
    Sandbox sandbox = open(spec);
    assertThat(run(sandbox, "cat src/Main.java; ls -A", Duration.ofSeconds(20)).stdout())
        .as("files moved into the new disk, and no lost+found")
        .isEqualTo("class Main {}src\n");
    sandbox.close();
    backend.release(spec);
    try (var left = Files.list(spec.workDir())) {
      assertThat(left.toList()).as("released: the work folder is an empty mount point").isEmpty();
    }
    Sandbox again = open(spec);
    assertThat(run(again, "cat src/Main.java", Duration.ofSeconds(20)).stdout())
        .isEqualTo("class Main {}");
    assertThat(spec.workDir().resolve("src/Main.java")).hasContent("class Main {}");
  }

  @Test
  void diskQuotaGrowsAndNeverShrinks() throws IOException {
    long small = 32 * SandboxLimits.MIB;
    SandboxSpec spec = spec("grows", SMALL.withDiskBytes(small));
    Sandbox first = open(spec);
    run(first, "echo kept > f", Duration.ofSeconds(20));
    long before = first.usage().diskTotalBytes().orElseThrow();
    // Grown while mounted (the cell is open), then again after a release.
    Sandbox bigger = open(spec.withLimits(SMALL.withDiskBytes(2 * small)));
    long grown = bigger.usage().diskTotalBytes().orElseThrow();
    assertThat(grown).isGreaterThan(before + small / 2);
    first.close();
    bigger.close();
    backend.release(spec);
    Sandbox biggest = open(spec.withLimits(SMALL.withDiskBytes(4 * small)));
    assertThat(biggest.usage().diskTotalBytes().orElseThrow()).isGreaterThan(grown + small);
    assertThat(run(biggest, "cat f", Duration.ofSeconds(20)).stdout()).isEqualTo("kept\n");
    assertThatThrownBy(() -> backend.open(spec.withLimits(SMALL.withDiskBytes(small))))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("cannot shrink");
  }
}
