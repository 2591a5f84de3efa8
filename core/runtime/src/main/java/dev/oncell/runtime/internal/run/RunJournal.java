package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.internal.journal.CanonicalJson;
import dev.oncell.runtime.internal.journal.JournalEntry;
import dev.oncell.runtime.internal.journal.JournalFile;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The journal of one run as its context uses it: what was recorded before (for replay), and records
 * of new steps. Results are JSON written with the agent's own mapper.
 */
public final class RunJournal implements AutoCloseable {

  private final JournalFile file;
  private final ObjectMapper mapper;

  /** Format 1's hashing mapper; kept as it was. */
  private final ObjectMapper canonical;

  /**
   * The agent's mapper, writing sets in a fixed order, in the root locale and UTC; {@link
   * CanonicalJson} does the rest.
   */
  private final ObjectMapper hashing;

  private final Clock clock;
  private final Map<Long, JournalEntry> recorded = new HashMap<>();

  RunJournal(JournalFile file, ObjectMapper mapper, Clock clock) {
    this.file = file;
    this.mapper = mapper;
    this.canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    // Sets in a fixed order; dates written with @JsonFormat patterns the same in every locale and
    // zone.
    this.hashing =
        SortedSets.register(mapper.copy())
            .setLocale(java.util.Locale.ROOT)
            .setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
    this.clock = clock;
    for (JournalEntry e : file.entries()) {
      recorded.put(e.seq(), e); // the last record of a step wins: STARTED, then DONE
    }
  }

  /** How many steps the journal already holds. */
  int recordedSteps() {
    return recorded.size();
  }

  Optional<JournalEntry> recorded(long seq) {
    return Optional.ofNullable(recorded.get(seq));
  }

  /** A request hash, and which way it was computed ({@link JournalEntry#hashVersion()}). */
  record Hash(String value, int version) {}

  /**
   * A request whose format-1 hash was taken over another form than the one hashed now: {@code
   * ctx.stream}'s data was hashed as the tree the agent's mapper made of it, in the order of its
   * maps; now the data itself is hashed canonically, its sets in a fixed order too.
   */
  record Request(Object legacy, Object current) {}

  /**
   * A stable hash of what a call asked for: same request, same hash, across restarts and JVMs. With
   * {@code version} {@link JournalEntry#HASH_CANONICAL} (new steps) over {@link CanonicalJson} of
   * the request with sets sorted; with {@link JournalEntry#HASH_LEGACY} exactly as format 1 did, so
   * that journals written before keep replaying.
   */
  Hash hash(String kind, String name, Object request, int version) {
    return switch (version) {
      case JournalEntry.HASH_LEGACY -> new Hash(legacyHash(kind, name, request), version);
      case JournalEntry.HASH_CANONICAL -> {
        Object current = request instanceof Request r ? r.current() : request;
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", kind);
        node.put("name", name);
        node.set("request", hashing.valueToTree(current));
        yield new Hash(CanonicalJson.sha256(node), version);
      }
      default -> throw new IllegalArgumentException("unknown hash version " + version);
    };
  }

  private String legacyHash(String kind, String name, Object request) {
    Object legacy = request instanceof Request r ? r.legacy() : request;
    ObjectNode node = canonical.createObjectNode();
    node.put("kind", kind);
    node.put("name", name);
    node.set("request", canonical.valueToTree(legacy));
    try {
      byte[] bytes = canonical.writeValueAsBytes(node);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash a request of " + kind, e);
    }
  }

  void started(long seq, String kind, String name, Hash hash) {
    file.append(
        entry(seq, seq, kind, name, hash, JournalEntry.Status.STARTED, Optional.empty(), null));
  }

  void done(long seq, long endSeq, String kind, String name, Hash hash, Object value) {
    JsonNode result = mapper.valueToTree(value);
    file.append(
        entry(seq, endSeq, kind, name, hash, JournalEntry.Status.DONE, Optional.of(result), null));
  }

  void failed(
      long seq, long endSeq, String kind, String name, Hash hash, String code, String message) {
    file.append(
        new JournalEntry(
            seq,
            endSeq,
            kind,
            name,
            hash.value(),
            hash.version(),
            JournalEntry.Status.FAILED,
            Optional.empty(),
            Optional.of(code),
            Optional.of(message),
            clock.instant()));
  }

  private JournalEntry entry(
      long seq,
      long endSeq,
      String kind,
      String name,
      Hash hash,
      JournalEntry.Status status,
      Optional<JsonNode> result,
      Void unused) {
    return new JournalEntry(
        seq,
        endSeq,
        kind,
        name,
        hash.value(),
        hash.version(),
        status,
        result,
        Optional.empty(),
        Optional.empty(),
        clock.instant());
  }

  <T> T decode(JournalEntry entry, JavaType type) {
    JsonNode result = entry.result().orElseThrow();
    if (result.isNull() && !type.isReferenceType()) {
      return null;
    }
    return mapper.convertValue(result, type);
  }

  JavaType type(Class<?> raw) {
    return mapper.getTypeFactory().constructType(raw);
  }

  JavaType type(com.fasterxml.jackson.core.type.TypeReference<?> ref) {
    return mapper.getTypeFactory().constructType(ref);
  }

  @Override
  public void close() {
    file.close();
  }
}
