package dev.oncell.runtime.internal.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.oncell.sandbox.fs.CellDir;
import dev.oncell.sandbox.fs.MountPoints;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trees no path-based walk can remove, built on the host: depth far beyond PATH_MAX, odd names,
 * special files, modes 000, links out of the tree (whose targets must survive), a mount (refused).
 */
class TreeRemovalTest {

  @TempDir Path tmp;

  /**
   * A chain of {@code depth} folders named {@code d} under {@code top}, built without long paths.
   */
  static void deepChain(Path top, int depth) throws IOException {
    int piece = 1000; // "d/" x 1000 = 2,000 bytes: every path used here stays far below PATH_MAX
    Path chain = null; // the chain built so far, at top/built
    for (int made = 0; made < depth; made += piece) {
      int n = Math.min(piece, depth - made);
      Path fresh = top.resolve("piece");
      Path bottom =
          Files.createDirectories(fresh.resolve(String.join("/", Collections.nCopies(n, "d"))));
      if (chain != null) {
        Files.move(chain, bottom.resolve("d")); // what was built goes under the new piece
      }
      chain = top.resolve("built");
      Files.move(fresh.resolve("d"), chain);
      Files.delete(fresh);
    }
    Files.move(chain, top.resolve("d"));
  }

  private static void sh(Path dir, String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).inheritIO().start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("exit of: %s", script).isZero();
  }

  @Test
  void aChainOf20000FoldersGoes() throws Exception {
    Path top = Files.createDirectory(tmp.resolve("cell"));
    deepChain(top, 20_000);
    // What a path-based walk meets: the name is too long long before the bottom.
    assertThatThrownBy(
            () -> {
              try (var walk = Files.walk(top)) {
                walk.count();
              }
            })
        .as("a path-based walk (as deletion was) fails on this tree")
        .isInstanceOf(java.io.UncheckedIOException.class);

    CellDir.removeAll(top);

    assertThat(top).doesNotExist();
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void specialFilesOddNamesAndClosedModesGoWhileLinkTargetsStay() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path kept = Files.writeString(outside.resolve("kept.txt"), "kept");
    Path otherCell = Files.createDirectories(tmp.resolve("other/work"));
    Files.writeString(otherCell.resolve("theirs.txt"), "theirs");
    Path top = Files.createDirectory(tmp.resolve("cell"));
    Path work = Files.createDirectories(top.resolve("work/a"));
    Files.createSymbolicLink(work.resolve("to-dir"), outside);
    Files.createSymbolicLink(work.resolve("to-file"), kept);
    Files.createSymbolicLink(work.resolve("to-other-cell"), otherCell);
    Files.createSymbolicLink(work.resolve("to-root"), Path.of("/"));
    Files.createSymbolicLink(work.resolve("dangling"), tmp.resolve("nowhere"));
    Files.createLink(work.resolve("hard-link"), kept);
    Files.writeString(work.resolve("line\nbreak"), "x");
    Files.writeString(work.resolve(" lead-space"), "x");
    Files.createDirectory(work.resolve("-rf"));
    sh(
        work,
        "mkfifo fifo && mkdir \"$(printf 'bad\\377\\376name')\" && touch \"$(printf 'bad\\377\\376name/f\\200')\"");
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(work.resolve("sock")));
    }
    Path closed = Files.createDirectory(work.resolve("closed"));
    Files.writeString(closed.resolve("secret"), "s");
    Files.createDirectory(closed.resolve("inner"));
    Files.setPosixFilePermissions(
        closed.resolve("secret"), PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(
        closed.resolve("inner"), PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));

    CellDir.removeAll(top);

    assertThat(top).doesNotExist();
    assertThat(kept).as("a link's target is never touched").hasContent("kept");
    assertThat(otherCell.resolve("theirs.txt")).hasContent("theirs");
    assertThat(Files.getAttribute(kept, "unix:nlink")).as("the hard link went").isEqualTo(1);
  }

  @Test
  void aLinkAtTheTopIsUnlinkedNotFollowed() throws Exception {
    Path target = Files.createDirectory(tmp.resolve("target"));
    Files.writeString(target.resolve("kept.txt"), "kept");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), target);

    CellDir.removeAll(link);
    CellDir.removeAll(tmp.resolve("never-existed"));

    assertThat(link).doesNotExist();
    assertThat(target.resolve("kept.txt")).hasContent("kept");
  }

  @Test
  void aMountInTheTreeIsRefusedBeforeAnythingIsRemoved() throws Exception {
    Path top = Files.createDirectory(tmp.resolve("cell"));
    Files.writeString(top.resolve("a.txt"), "a");
    Path point = Files.createDirectories(top.resolve("work/mnt"));
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", point.toString())
            .inheritIO()
            .start();
    assumeThat(mount.waitFor()).as("mounting needs root").isZero();
    try {
      Files.writeString(point.resolve("on-tmpfs.txt"), "mounted");

      assertThatThrownBy(() -> CellDir.removeAll(top))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cell/work/mnt")
          .hasMessageContaining("mounted")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tmp.toString()));

      assertThat(top.resolve("a.txt")).as("nothing was removed").hasContent("a");
      assertThat(point.resolve("on-tmpfs.txt")).hasContent("mounted");
    } finally {
      new ProcessBuilder("umount", point.toString()).inheritIO().start().waitFor();
    }
    CellDir.removeAll(top);
    assertThat(top).doesNotExist();
  }

  @Test
  void anUndeletableEntryStopsTheRemovalWithAMessageWithoutHostPaths() throws Exception {
    Path top = Files.createDirectory(tmp.resolve("cell"));
    Path stuck =
        Files.writeString(Files.createDirectories(top.resolve("work/x")).resolve("stuck"), "s");
    Process chattr = new ProcessBuilder("chattr", "+i", stuck.toString()).inheritIO().start();
    assumeThat(chattr.waitFor()).as("chattr +i needs root on ext4").isZero();
    try {
      assertThatThrownBy(() -> CellDir.removeAll(top))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cell/")
          .hasMessageContaining("stuck")
          .hasMessageContaining("cannot be removed")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tmp.toString()));
    } finally {
      // The removal flattened what it could: the file now sits under a folder moved up to the top.
      sh(top, "find . -name stuck -exec chattr -i {} +");
    }
    CellDir.removeAll(top);
    assertThat(top).doesNotExist();
  }

  @Test
  void randomTreesGoCompletely() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("TreeRemovalTest.randomTreesGoCompletely seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    String[] names = {"a", "b c", "\t", "..x", ".hidden", "é", "名", "x\ny", "-", "~", "%ff"};
    for (int round = 0; round < 5; round++) {
      Path top = Files.createDirectory(tmp.resolve("tree" + round));
      Path at = top;
      for (int i = 0; i < 400; i++) {
        Path child = at.resolve(names[random.nextInt(names.length)] + i);
        switch (random.nextInt(5)) {
          case 0, 1 -> at = Files.createDirectory(child);
          case 2 -> Files.writeString(child, "f");
          case 3 -> Files.createSymbolicLink(child, random.nextBoolean() ? top : tmp);
          default -> at = random.nextBoolean() ? top : at;
        }
      }
      CellDir.removeAll(top);
      assertThat(top).as("seed %d round %d", seed, round).doesNotExist();
    }
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void anEntryOfAnOpenDirectoryGoesWithoutItsSiblings() throws Exception {
    Path work = Files.createDirectory(tmp.resolve("work"));
    Files.writeString(work.resolve("sibling.txt"), "stays");
    deepChain(Files.createDirectory(work.resolve("sub")), 3000);
    Files.createSymbolicLink(work.resolve("sub/link"), work.resolve("sibling.txt"));
    try (CellDir dir = CellDir.open(work)) {
      assertThat(dir.removeTree("sub")).isTrue();
      assertThat(dir.removeTree("absent")).isFalse();
    }
    assertThat(work.resolve("sub")).doesNotExist();
    assertThat(work.resolve("sibling.txt")).hasContent("stays");
  }

  @Test
  void mountinfoEscapesAreDecoded() {
    assertThat(MountPoints.unescape("/a\\040b\\134c\\011d")).isEqualTo("/a b\\c\td");
    assertThat(MountPoints.unescape("/plain\\04")).isEqualTo("/plain\\04");
  }

  @Test
  void theTreeIsReadFromRawNamesNotDecodedOnes() throws Exception {
    Path top = Files.createDirectory(tmp.resolve("cell"));
    // Two names that decode to the same text (U+FFFD) but are different bytes on disk.
    sh(
        top,
        "mkdir \"$(printf 'n\\377')\" \"$(printf 'n\\376')\" && touch \"$(printf 'n\\377/\\377')\"");
    try (var listing = Files.list(top)) {
      assertThat(listing.count()).isEqualTo(2);
    }
    CellDir.removeAll(top);
    assertThat(top).doesNotExist();
    assertThat(new String(new byte[] {(byte) 0xff}, StandardCharsets.UTF_8)).isEqualTo("\uFFFD");
  }
}
