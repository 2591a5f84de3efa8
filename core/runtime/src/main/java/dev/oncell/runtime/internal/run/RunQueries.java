package dev.oncell.runtime.internal.run;

import dev.oncell.runtime.CellException;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStep;
import dev.oncell.runtime.Runs;
import dev.oncell.runtime.internal.cell.CellRegistry;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.journal.JournalFile;
import dev.oncell.runtime.internal.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The read side of runs: a run's record, its journal as steps, its events (a going run's from
 * memory, waiting for new ones; a finished run's from the control plane) and waiting for its end.
 * Reads never change a run.
 */
final class RunQueries {

  private final CellRegistry cells;
  private final RunStore store;
  private final RunExecutor executor;

  RunQueries(CellRegistry cells, RunStore store, RunExecutor executor) {
    this.cells = cells;
    this.store = store;
    this.executor = executor;
  }

  Optional<RunInfo> find(String runId) {
    return store.find(runId);
  }

  RunInfo existing(String runId) {
    return find(runId)
        .orElseThrow(() -> CellException.notFound("not_found", "no run '" + runId + "'"));
  }

  List<RunInfo> list(String customer) {
    cells.live(customer);
    return store.byCustomer(customer);
  }

  RunInfo await(String runId) {
    Optional<ActiveRun> run = executor.active(runId);
    if (run.isPresent()) {
      return run.get().done.join();
    }
    return existing(runId);
  }

  Runs.Batch events(String runId, long afterSeq, Duration wait) {
    Optional<ActiveRun> run = executor.active(runId);
    if (run.isPresent()) {
      try {
        return run.get().log.after(afterSeq, wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Runs.Batch(List.of(), false);
      }
    }
    RunInfo info = existing(runId);
    return new Runs.Batch(store.events(runId, afterSeq), info.status().finished());
  }

  List<RunStep> journal(String runId) {
    RunInfo run = existing(runId);
    LiveCell cell = cells.live(run.customer());
    Path file = cell.paths().journal(runId);
    if (!Files.exists(file) && run.status().finished()) {
      throw CellException.notFound(
          "journal_expired",
          "the journal of run " + runId + " is past its retention and was removed");
    }
    return JournalFile.readAll(file).stream()
        .map(
            e ->
                new RunStep(
                    e.seq(),
                    e.kind(),
                    e.name(),
                    e.requestHash(),
                    e.status().name().toLowerCase(Locale.ROOT),
                    e.result(),
                    e.errorCode().map(code -> new RunError(code, e.errorMessage().orElse(""))),
                    e.at()))
        .toList();
  }
}
