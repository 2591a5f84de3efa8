package dev.oncell.runtime.internal.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a run's journal: the step's number, what was called and a hash of its request, and,
 * once known, its result or error. A side-effect step has a STARTED record before it runs. {@code
 * endSeq} is the last step number used inside this step's body (steps may nest); a replay that
 * returns this step's result continues numbering after it. {@code hashVersion} says how {@code
 * requestHash} was computed ({@link #HASH_LEGACY} or {@link #HASH_CANONICAL}); a replay compares
 * with a hash computed the same way.
 */
public record JournalEntry(
    long seq,
    long endSeq,
    String kind,
    String name,
    String requestHash,
    int hashVersion,
    Status status,
    Optional<JsonNode> result,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    Instant at) {

  /**
   * Records of format 1: the hash is over Jackson's output in the order of the request's tree,
   * which for a {@code Map.of} or a {@code HashSet} of some types changes from one JVM to the next.
   */
  public static final int HASH_LEGACY = 1;

  /** Records of format 2: the hash is over {@link CanonicalJson}. What new records use. */
  public static final int HASH_CANONICAL = 2;

  public enum Status {
    STARTED,
    DONE,
    FAILED
  }

  public JournalEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(requestHash, "requestHash");
    if (hashVersion != HASH_LEGACY && hashVersion != HASH_CANONICAL) {
      throw new IllegalArgumentException("unknown hash version " + hashVersion);
    }
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
