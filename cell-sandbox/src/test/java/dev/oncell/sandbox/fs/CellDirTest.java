package dev.oncell.sandbox.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellDirTest {

  @TempDir Path tmp;
  Path work;
  Path outside;

  @BeforeEach
  void tree() throws IOException {
    work = Files.createDirectories(tmp.resolve("cell/work"));
    outside = Files.createDirectories(tmp.resolve("other/work"));
    Files.writeString(outside.resolve("secret.txt"), "OTHER CELL");
    Files.createDirectories(work.resolve("src"));
    Files.writeString(work.resolve("src/a.txt"), "mine");
  }

  private static String read(CellDir root, String path) throws IOException {
    try (CellDir.OpenFile f = root.openFileAt(path)) {
      return new String(f.stream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsAFileBelowTheRoot() throws IOException {
    try (CellDir root = CellDir.open(work)) {
      assertEquals("mine", read(root, "src/a.txt"));
      assertEquals("mine", read(root, "./src//a.txt"));
    }
  }

  @Test
  void refusesALinkAsAFolderOnTheWay() throws IOException {
    Files.createSymbolicLink(work.resolve("link"), outside);
    try (CellDir root = CellDir.open(work)) {
      assertThrows(CellDir.SymbolicLinkException.class, () -> read(root, "link/secret.txt"));
      assertThrows(CellDir.SymbolicLinkException.class, () -> root.openDir("link"));
    }
  }

  @Test
  void refusesALinkAsTheFile() throws IOException {
    Files.createSymbolicLink(work.resolve("leak.txt"), outside.resolve("secret.txt"));
    try (CellDir root = CellDir.open(work)) {
      assertThrows(CellDir.SymbolicLinkException.class, () -> read(root, "leak.txt"));
    }
  }

  @Test
  void refusesDotDotAbsoluteAndNul() throws IOException {
    try (CellDir root = CellDir.open(work)) {
      assertThrows(CellDir.InvalidCellPathException.class, () -> read(root, "../other/x"));
      assertThrows(CellDir.InvalidCellPathException.class, () -> read(root, "src/../../x"));
      assertThrows(CellDir.InvalidCellPathException.class, () -> read(root, "/etc/passwd"));
      assertThrows(CellDir.InvalidCellPathException.class, () -> read(root, "a\0b"));
      assertThrows(CellDir.InvalidCellPathException.class, () -> read(root, "x".repeat(256)));
    }
  }

  @Test
  void aFifoIsRefusedWithoutBlocking() throws Exception {
    Process mk = new ProcessBuilder("mkfifo", work.resolve("pipe").toString()).start();
    assertEquals(0, mk.waitFor());
    try (CellDir root = CellDir.open(work)) {
      var e = assertThrows(CellDir.NotRegularFileException.class, () -> read(root, "pipe"));
      assertEquals("fifo", e.kind());
      assertThrows(CellDir.NotRegularFileException.class, () -> read(root, "src"));
    }
  }

  @Test
  void missingAndNotAFolderAreTheirOwnErrors() throws IOException {
    try (CellDir root = CellDir.open(work)) {
      assertThrows(NoSuchFileException.class, () -> read(root, "nope/a.txt"));
      assertThrows(NotDirectoryException.class, () -> read(root, "src/a.txt/b"));
    }
  }

  @Test
  void writeReplacesALinkInsteadOfFollowingIt() throws IOException {
    Files.createSymbolicLink(work.resolve("leak.txt"), outside.resolve("secret.txt"));
    try (CellDir root = CellDir.open(work)) {
      root.write("leak.txt", new ByteArrayInputStream("new".getBytes(StandardCharsets.UTF_8)));
    }
    assertFalse(Files.isSymbolicLink(work.resolve("leak.txt")));
    assertEquals("new", Files.readString(work.resolve("leak.txt")));
    assertEquals("OTHER CELL", Files.readString(outside.resolve("secret.txt")));
  }

  @Test
  void createDirsRefusesALinkOnTheWayAndWritesNothingOutside() throws IOException {
    Files.createSymbolicLink(work.resolve("out"), outside);
    try (CellDir root = CellDir.open(work)) {
      assertThrows(CellDir.SymbolicLinkException.class, () -> root.createDirs("out/new"));
      try (CellDir made = root.createDirs("a/b/c")) {
        made.write("f", new ByteArrayInputStream(new byte[] {1, 2}));
        assertEquals("a/b/c", made.path());
      }
    }
    assertFalse(Files.exists(outside.resolve("new")));
    assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(work.resolve("a/b/c/f")));
  }

  @Test
  void writeOverAFolderIsRefusedAndLeavesNoTemporaryFile() throws IOException {
    try (CellDir root = CellDir.open(work)) {
      assertThrows(
          CellDir.IsADirectoryException.class,
          () -> root.write("src", new ByteArrayInputStream(new byte[1])));
    }
    try (var s = Files.list(work)) {
      assertEquals(List.of("src"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void statCountsAllocatedBytesOfASparseFile() throws IOException {
    Path sparse = work.resolve("sparse");
    try (var f = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(1L << 30);
    }
    try (CellDir root = CellDir.open(work)) {
      FileStat stat = root.stat("sparse").orElseThrow();
      assertEquals(1L << 30, stat.size());
      assertTrue(stat.allocated() < 1 << 20, "a sparse file occupies almost nothing");
    }
  }

  @Test
  void walksATreeDeeperThanPathMaxWithoutFollowingLinks() throws IOException {
    try (CellDir root = CellDir.open(work)) {
      CellDir at = root.createDirs("deep");
      for (int i = 0; i < 3000; i++) {
        CellDir next = at.createDirs("dddddddddd");
        at.close();
        at = next;
      }
      at.write("bottom.txt", new ByteArrayInputStream(new byte[] {7}));
      at.close();
    }
    Files.createSymbolicLink(work.resolve("out"), outside);
    List<String> seen = new ArrayList<>();
    try (CellDir root = CellDir.open(work)) {
      CellTree.Result result =
          CellTree.walk(root, "", (path, stat, parent, name) -> seen.add(path + ":" + stat.kind()));
      assertTrue(result.tooDeep() > 0, "folders deeper than MAX_DEPTH are counted");
    }
    assertTrue(seen.contains("out:SYMLINK"), "a link is reported, not followed: " + seen);
    assertTrue(seen.contains("src/a.txt:FILE"));
    assertFalse(seen.stream().anyMatch(s -> s.contains("secret")), "never walked through a link");
    try (CellDir root = CellDir.open(work)) {
      assertTrue(root.removeTree("deep"));
      assertTrue(root.removeTree("out"));
    }
    assertFalse(Files.exists(work.resolve("deep")));
    assertEquals(
        "OTHER CELL", Files.readString(outside.resolve("secret.txt")), "a link's target stays");
  }

  @Test
  void removeTreeTakesFifosSocketsLockedFoldersAndNamesThatAreNotUtf8() throws Exception {
    Path t = Files.createDirectories(work.resolve("t/a/b"));
    assertEquals(0, new ProcessBuilder("mkfifo", t.resolve("fifo").toString()).start().waitFor());
    try (var server =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(java.net.UnixDomainSocketAddress.of(t.resolve("sock")));
    }
    // a name with bytes that are not UTF-8, made by the shell
    assertEquals(
        0,
        new ProcessBuilder(
                "sh",
                "-c",
                "mkdir \"$1/$(printf 'x\\377\\376')\" && touch \"$1/$(printf 'y\\377')\"",
                "sh",
                t.toString())
            .start()
            .waitFor());
    Files.createSymbolicLink(t.resolve("out"), outside);
    try (var s = Files.list(t)) {
      assertEquals(5, s.count(), "fifo, socket, two names that are not UTF-8, a link");
    }
    Files.setPosixFilePermissions(t, java.util.Set.of());
    try (CellDir root = CellDir.open(work)) {
      assertTrue(root.removeTree("t"));
    }
    assertFalse(Files.exists(work.resolve("t")));
    assertTrue(Files.exists(outside.resolve("secret.txt")));
  }

  /**
   * The race the files API lost: a process of the cell swaps a folder for a link to another cell's
   * files in a tight loop while the host reads and writes below it.
   */
  @Test
  void aFolderSwappedForALinkInALoopNeverLeaksOrLandsOutside() throws Exception {
    Path dir = work.resolve("swap");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("secret.txt"), "mine");
    Path link = work.resolve("swap-link");
    Path parked = work.resolve("swap-parked");
    AtomicBoolean stop = new AtomicBoolean();
    Thread swapper =
        Thread.ofPlatform()
            .name("swapper")
            .start(
                () -> {
                  while (!stop.get()) {
                    try {
                      Files.deleteIfExists(link);
                      Files.createSymbolicLink(link, outside);
                      Files.move(dir, parked, StandardCopyOption.ATOMIC_MOVE);
                      Files.move(link, dir, StandardCopyOption.ATOMIC_MOVE);
                      Files.move(dir, link, StandardCopyOption.ATOMIC_MOVE);
                      Files.move(parked, dir, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                      // keep swapping
                    }
                  }
                });
    AtomicInteger reads = new AtomicInteger();
    long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    try (CellDir root = CellDir.open(work)) {
      while (System.nanoTime() < end) {
        try {
          String got = read(root, "swap/secret.txt");
          assertEquals(
              "mine", got, "a read through the swapped folder returned another cell's file");
          reads.incrementAndGet();
        } catch (IOException expected) {
          // the folder was a link at that moment: refused
        }
        try (CellDir d = root.openDir("swap")) {
          d.write("secret.txt", new ByteArrayInputStream("mine".getBytes(StandardCharsets.UTF_8)));
        } catch (IOException expected) {
          // refused
        }
      }
    } finally {
      stop.set(true);
      swapper.join();
    }
    assertEquals("OTHER CELL", Files.readString(outside.resolve("secret.txt")));
    try (var s = Files.list(outside)) {
      assertEquals(1, s.count(), "nothing written into the other cell");
    }
    assertTrue(reads.get() > 0, "some reads succeeded while the folder was real");
  }

  /**
   * A process of the cell that adds entries as fast as they are removed would keep a removal
   * looping: its time budget ends it with a clear error (a spent budget here, so it is exact).
   */
  @Test
  void aRemovalStopsAtItsTimeBudgetWithAClearError() throws Exception {
    Files.createDirectories(work.resolve("busy/a/b"));
    java.time.Duration before = CellDir.removalBudget;
    CellDir.removalBudget = Duration.ZERO;
    try (CellDir root = CellDir.open(work)) {
      var e = assertThrows(java.nio.file.FileSystemException.class, () -> root.removeTree("busy"));
      assertTrue(e.getMessage().contains("keeps changing"), e.getMessage());
    } finally {
      CellDir.removalBudget = before;
    }
    assertTrue(Files.exists(work.resolve("busy")), "nothing half removed at the start");
  }
}
