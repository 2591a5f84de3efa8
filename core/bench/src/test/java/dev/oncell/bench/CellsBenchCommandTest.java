package dev.oncell.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oncell bench cells} with tiny counts: it runs end to end and checks its arguments. */
class CellsBenchCommandTest {

  @TempDir Path tmp;

  @Test
  void measuresWakeExecCreateAndDensityOnBothBackends() {
    BenchCli.Run run =
        BenchCli.oncell(
            tmp,
            "bench",
            "cells",
            "--calls",
            "2",
            "--warmup",
            "0",
            "--cells",
            "3",
            "--active",
            "1");
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.out())
        .contains("create cell -> first shell `true`")
        .contains("wake paused cell -> memory get")
        .contains("wake paused cell -> shell `true`")
        .contains("SERVER+CELLS RSS MB");
    for (String backend : new String[] {"gvisor", "bubblewrap"}) {
      assertThat(run.out().lines().filter(line -> line.startsWith(backend + " ")))
          .as("a density row for %s", backend)
          // backend, 3 cells, 2 paused, 1 active, ..., and no process held by a paused cell
          .anySatisfy(line -> assertThat(line.split("\\s+")).startsWith(backend, "3", "2", "1"))
          .allSatisfy(line -> assertThat(line).endsWith(" 0"));
    }
  }

  @Test
  void refusesBadCounts() {
    BenchCli.Run run = BenchCli.oncell(tmp, "bench", "cells", "--cells", "2", "--active", "3");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--active between 0 and --cells");
    assertThat(BenchCli.oncell(tmp, "bench", "cells", "--calls", "0").exitCode()).isEqualTo(2);
    BenchCli.Run backend = BenchCli.oncell(tmp, "bench", "cells", "--sandbox", "bogus");
    assertThat(backend.exitCode()).isEqualTo(2);
    assertThat(backend.err()).contains("unknown backend 'bogus'");
  }
}
