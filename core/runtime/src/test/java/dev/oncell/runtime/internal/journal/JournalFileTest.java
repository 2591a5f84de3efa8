package dev.oncell.runtime.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {

  @TempDir Path tmp;

  private static JournalEntry done(long seq, String result) {
    return new JournalEntry(
        seq,
        seq,
        "step",
        "s" + seq,
        "hash" + seq,
        JournalEntry.HASH_CANONICAL,
        JournalEntry.Status.DONE,
        Optional.of(TextNode.valueOf(result)),
        Optional.empty(),
        Optional.empty(),
        Instant.parse("2026-11-22T00:00:00Z"));
  }

  @Test
  void appendsAndReadsBack() {
    Path file = tmp.resolve("r.log");
    try (JournalFile journal = JournalFile.open(file)) {
      journal.append(done(1, "a"));
      journal.append(done(2, "b"));
    }
    assertThat(JournalFile.readAll(file)).containsExactly(done(1, "a"), done(2, "b"));
    try (JournalFile again = JournalFile.open(file)) {
      assertThat(again.entries()).hasSize(2);
    }
  }

  @Test
  void aTornLastRecordIsTreatedAsNeverWritten() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("JournalFileTest seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 50; round++) {
      Path file = tmp.resolve("torn-" + round + ".log");
      try (JournalFile journal = JournalFile.open(file)) {
        journal.append(done(1, "a"));
        journal.append(done(2, "b"));
      }
      byte[] whole =
          JournalFile.frame(
              "{\"v\":2,\"seq\":3,\"kind\":\"step\",\"name\":\"s3\","
                  + "\"hash\":\"h\",\"status\":\"DONE\",\"at\":\"2026-11-22T00:00:00Z\"}");
      // A crash cut the third record anywhere, or scrambled its bytes.
      byte[] torn =
          random.nextBoolean()
              ? Arrays.copyOf(whole, random.nextInt(whole.length - 1) + 1)
              : scramble(whole, random);
      JournalFile.appendRaw(file, torn);
      try (JournalFile reopened = JournalFile.open(file)) {
        assertThat(reopened.entries()).as("seed %d round %d", seed, round).hasSize(2);
        reopened.append(done(3, "c"));
      }
      assertThat(JournalFile.readAll(file))
          .as("appends continue cleanly after the torn tail (seed %d)", seed)
          .containsExactly(done(1, "a"), done(2, "b"), done(3, "c"));
    }
  }

  private static byte[] scramble(byte[] frame, Random random) {
    byte[] copy = frame.clone();
    int at = JournalFile.HEADER + random.nextInt(copy.length - JournalFile.HEADER);
    copy[at] ^= (byte) (1 + random.nextInt(255));
    return copy;
  }

  @Test
  void garbageInsteadOfAJournalYieldsNoRecords() throws Exception {
    Path file = Files.write(tmp.resolve("garbage.log"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    assertThat(JournalFile.readAll(file)).isEmpty();
    assertThat(JournalFile.readAll(tmp.resolve("missing.log"))).isEmpty();
  }

  /**
   * Journals written by format version 1, kept in the resources: every build must still read them,
   * so a format change cannot silently break the recovery of runs written by an earlier version.
   */
  @Test
  void recordedVersion1JournalsStillRead() throws Exception {
    Path file = tmp.resolve("v1.log");
    try (InputStream in = getClass().getResourceAsStream("/journals/v1-dark-mode.journal")) {
      Files.copy(
          java.util.Objects.requireNonNull(in, "recorded journal missing from test resources"),
          file);
    }
    List<JournalEntry> entries = JournalFile.readAll(file);
    assertThat(entries).hasSize(14);
    assertThat(entries.getFirst().kind()).isEqualTo("config");
    assertThat(entries).extracting(JournalEntry::status).contains(JournalEntry.Status.STARTED);
    JournalEntry nested =
        entries.stream().filter(e -> e.name().equals("edit-3")).findFirst().orElseThrow();
    assertThat(nested.endSeq()).isGreaterThan(nested.seq());
    assertThat(entries)
        .extracting(JournalEntry::hashVersion)
        .as("format-1 records are replayed with format-1 hashing")
        .containsOnly(JournalEntry.HASH_LEGACY);
  }

  @Test
  void aRecordWithoutAVersionIsFormat1AndOneOfANewerFormatStopsTheOpeningUntouched()
      throws Exception {
    Path file = Files.createFile(tmp.resolve("versions.log"));
    JournalFile.appendRaw(
        file,
        JournalFile.frame(
            "{\"seq\":1,\"kind\":\"step\",\"name\":\"s1\",\"hash\":\"h\","
                + "\"status\":\"DONE\",\"at\":\"2026-11-22T00:00:00Z\"}"));
    assertThat(JournalFile.readAll(file).getFirst().hashVersion())
        .isEqualTo(JournalEntry.HASH_LEGACY);
    JournalFile.appendRaw(
        file,
        JournalFile.frame(
            "{\"v\":3,\"seq\":2,\"kind\":\"step\",\"name\":\"s2\",\"hash\":\"h\","
                + "\"status\":\"DONE\",\"at\":\"2026-11-22T00:00:00Z\"}"));
    long size = Files.size(file);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JournalFile.open(file))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("format version 3");
    assertThat(Files.size(file)).as("a newer record is not cut off as torn").isEqualTo(size);
  }
}
