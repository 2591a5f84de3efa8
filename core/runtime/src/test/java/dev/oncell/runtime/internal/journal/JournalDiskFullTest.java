package dev.oncell.runtime.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.fixtures.SmallDisk;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An append that a full disk cuts half way must not hide the appends that follow it once space
 * returns. Runs on a 1 MiB tmpfs mounted by the test (as root; skipped otherwise).
 */
class JournalDiskFullTest {

  @TempDir static Path temp;
  private static SmallDisk disk;
  private static Path mount;

  @BeforeAll
  static void mountSmallDisk() throws Exception {
    disk = SmallDisk.mount(temp.resolve("disk"), "1m");
    mount = disk.path();
  }

  @AfterAll
  static void unmount() throws Exception {
    if (disk != null) {
      disk.close();
    }
  }

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
  void aRecordTornByAFullDiskIsCutOffAndLaterAppendsSurvive() throws Exception {
    Path file = mount.resolve("run.log");
    Path filler = mount.resolve("filler");
    try (JournalFile journal = JournalFile.open(file)) {
      journal.append(done(1, "a"));
      journal.append(done(2, "b"));
      fillLeaving(filler, 8192);
      assertThatThrownBy(() -> journal.append(done(3, "c".repeat(200_000))))
          .isInstanceOf(JournalException.class)
          .satisfies(e -> assertThat(CellException.isDiskFull(e)).as("a full disk").isTrue());
      Files.delete(filler);
      journal.append(done(4, "d"));
    }
    assertThat(JournalFile.readAll(file))
        .as("every acknowledged record, none of the failed one")
        .containsExactly(done(1, "a"), done(2, "b"), done(4, "d"));
  }

  /** Fills the disk until about {@code leave} bytes are free. */
  private static void fillLeaving(Path filler, long leave) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (Files.getFileStore(mount).getUsableSpace() > leave) {
        out.write(block);
        out.flush();
      }
    }
  }
}
