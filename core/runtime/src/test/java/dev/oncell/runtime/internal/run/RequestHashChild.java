package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.oncell.runtime.internal.journal.JournalEntry;
import dev.oncell.runtime.internal.journal.JournalFile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Run in child JVMs by {@link RequestHashAcrossJvmsTest}: prints the hashes of fixed requests, made
 * the way {@link RunContext} makes them, and the order this JVM iterates a {@code Map.of} in.
 */
public final class RequestHashChild {

  private RequestHashChild() {}

  /** A step's request as an agent might write it: records, maps and sets of any kind. */
  public record Progress(
      String phase,
      Map<String, Integer> counts,
      Set<Thread.State> states,
      Set<String> tags,
      Optional<Double> ratio,
      Instant at,
      Duration took) {}

  static final ObjectMapper AGENT_MAPPER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  /** The requests, by name: what ctx.stream, ctx.db and a shell request hand to the journal. */
  static Map<String, Object> requests() {
    Map<String, Object> requests = new LinkedHashMap<>();
    Map<String, Integer> four = Map.of("alpha", 1, "beta", 2, "gamma", 3, "delta", 4);
    requests.put("stream-map-of", new RunJournal.Request(AGENT_MAPPER.valueToTree(four), four));
    Map<String, Object> hashMap = new HashMap<>();
    for (Thread.State s : Thread.State.values()) {
      hashMap.put(s.name().toLowerCase(java.util.Locale.ROOT), s.ordinal());
    }
    requests.put(
        "stream-hash-map", new RunJournal.Request(AGENT_MAPPER.valueToTree(hashMap), hashMap));
    Progress progress =
        new Progress(
            "índice-ı", // non-ASCII, and a Turkish dotless i
            Map.of("files", 12, "chunks", 340, "skipped", 0, "removed", 7),
            new HashSet<>(Set.of(Thread.State.values())),
            Set.of("x", "y", "z", "w"),
            Optional.of(0.1),
            Instant.parse("2026-12-07T03:00:00Z"),
            Duration.ofMillis(1500));
    requests.put(
        "stream-record", new RunJournal.Request(AGENT_MAPPER.valueToTree(progress), progress));
    requests.put(
        "db-params",
        List.of(
            1, 1.5, new BigDecimal("2.50"), new BigInteger("123456789012345678901234567890"), "s"));
    requests.put(
        "memory-value", AGENT_MAPPER.valueToTree(Map.of("k1", List.of(1e21, 1e-7), "k2", "v")));
    return requests;
  }

  public static void main(String[] args) throws Exception {
    var dir = Files.createTempDirectory("request-hash-child");
    try (RunJournal journal =
        new RunJournal(JournalFile.open(dir.resolve("j.log")), AGENT_MAPPER, Clock.systemUTC())) {
      System.out.println(
          "order "
              + String.join(",", Map.of("alpha", 1, "beta", 2, "gamma", 3, "delta", 4).keySet()));
      for (var request : requests().entrySet()) {
        String name = request.getKey();
        System.out.println(
            "canonical "
                + name
                + " "
                + journal
                    .hash("stream", name, request.getValue(), JournalEntry.HASH_CANONICAL)
                    .value());
        System.out.println(
            "legacy "
                + name
                + " "
                + journal
                    .hash("stream", name, request.getValue(), JournalEntry.HASH_LEGACY)
                    .value());
      }
    }
    System.out.flush();
  }
}
