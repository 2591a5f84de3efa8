package dev.oncell.runtime.internal.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a run's journal: the step's number, what was called and a hash of its request, and,
 * once known, its result or error. A side-effect step has a STARTED record before it runs. {@code
 * endSeq} is the last step number used inside this step's body (steps may nest); a replay that
 * returns this step's result continues numbering after it.
 */
public record JournalEntry(
    long seq,
    long endSeq,
    String kind,
    String name,
    String requestHash,
    Status status,
    Optional<JsonNode> result,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    Instant at) {

  public enum Status {
    STARTED,
    DONE,
    FAILED
  }

  public JournalEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(requestHash, "requestHash");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(errorMessage, "errorMessage");
    Objects.requireNonNull(at, "at");
  }

  public String describe() {
    return kind + " '" + (name.length() > 80 ? name.substring(0, 77) + "..." : name) + "'";
  }
}
