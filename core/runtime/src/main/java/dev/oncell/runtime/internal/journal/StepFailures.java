package dev.oncell.runtime.internal.journal;

import dev.oncell.agent.Failure;
import dev.oncell.runtime.CellException;

/** The failures the journal itself raises into an agent's run. */
public final class StepFailures {

  private StepFailures() {}

  /** The agent now makes a different call than the one its journal recorded at this step. */
  public static final class NonDeterminismException extends RuntimeException {
    public NonDeterminismException(String message) {
      super(message);
    }
  }

  /** A side effect may or may not have happened, and nothing can tell which. */
  public static final class NeedsAttentionException extends RuntimeException {
    public NeedsAttentionException(String message) {
      super(message);
    }
  }

  /** A step's failure, recorded before and thrown again on replay. */
  public static final class RecordedFailureException extends RuntimeException {
    private final String code;

    public RecordedFailureException(String code, String message) {
      super(message);
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /** A replay-only context reached the end of its recorded journal at this step. */
  public static final class ReplayEndedException extends RuntimeException {
    private final long seq;

    public ReplayEndedException(long seq) {
      super("the recorded journal ends before step " + seq);
      this.seq = seq;
    }

    public long seq() {
      return seq;
    }
  }

  /** The code a failure is journaled and reported with. */
  public static String code(Throwable t) {
    return switch (t) {
      case CellException e -> e.code();
      case RecordedFailureException e -> e.code();
      case JournalException e when CellException.isDiskFull(e) -> "disk_full";
      case NonDeterminismException e -> "non_determinism";
      case NeedsAttentionException e -> "needs_attention";
      case UnsupportedOperationException e -> "unsupported";
      case Failure f -> f.code(); // an agent's own failure keeps its code
      default -> "agent_error";
    };
  }

  public static String message(Throwable t) {
    return switch (t) {
      case CellException e -> e.getMessage();
      case RecordedFailureException e -> e.getMessage();
      case JournalException e when CellException.isDiskFull(e) ->
          "the disk is full: cannot write the run's journal; free space and retry";
      case NonDeterminismException e -> e.getMessage();
      case NeedsAttentionException e -> e.getMessage();
      case UnsupportedOperationException e -> String.valueOf(e.getMessage());
      case Failure f -> String.valueOf(t.getMessage());
      default -> t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    };
  }
}
