package dev.oncell.runtime.internal.cell;

import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.DiskUsage;
import dev.oncell.runtime.RunError;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link LiveCell} knows of itself besides its handles: its state, setup run and error, a
 * quarantine, its last activity and disk usage; how it shows ({@link #info}) and which calls it
 * refuses. Written only under the owning cell's write lock; the volatile fields are also read
 * without it (by the idle sweep).
 */
final class CellRecord {

  private final CellInfo created;
  volatile CellState state;
  Optional<String> setupRunId;
  Optional<RunError> error;
  boolean deleted;
  // Why this start did not bring the cell up (a failed recovery step); it serves nothing until a
  // DELETE succeeds or a restart recovers it.
  volatile Optional<String> quarantine = Optional.empty();
  volatile Instant lastActive;
  volatile Optional<DiskUsage> diskUsage = Optional.empty();

  CellRecord(CellInfo created) {
    this.created = created;
    this.state = created.state();
    this.setupRunId = created.setupRunId();
    this.error = created.error();
    this.lastActive = created.lastActiveAt();
  }

  String id() {
    return created.id();
  }

  CellInfo info() {
    Optional<RunError> shown = error;
    if (quarantine.isPresent()) {
      // The reason may name host paths: it goes to the server's log, not to the customer.
      shown =
          Optional.of(
              state == CellState.DELETING
                  ? new RunError("delete_failed", "deleting the cell failed; see the server log")
                  : new RunError(
                      "cell_quarantined", "the cell could not be recovered; see the server log"));
    }
    return new CellInfo(
        created.id(),
        state,
        created.agent(),
        created.env(),
        created.config(),
        setupRunId,
        shown,
        created.createdAt(),
        lastActive);
  }

  /** Whether calls are served: not deleted, not being deleted, not quarantined. */
  boolean servable() {
    return !deleted && state != CellState.DELETING && quarantine.isEmpty();
  }

  void checkNotDeleted() {
    if (deleted) {
      throw CellException.notFound("not_found", "no customer '" + id() + "'");
    }
  }

  /** Refuses every call on a cell that is deleted, being deleted or quarantined. */
  void checkServable() {
    checkNotDeleted();
    if (state == CellState.DELETING) {
      throw CellException.conflict(
          "cell_deleting",
          "customer '"
              + id()
              + "' is being deleted and serves no call"
              + (quarantine.isPresent()
                  ? "; its deletion failed: an operator can retry DELETE"
                  : ""));
    }
    if (quarantine.isPresent()) {
      throw CellException.conflict(
          "cell_quarantined",
          "customer '"
              + id()
              + "' is out of service: it could not be recovered when the server started; an"
              + " operator can delete it, or fix it and restart the server");
    }
  }
}
