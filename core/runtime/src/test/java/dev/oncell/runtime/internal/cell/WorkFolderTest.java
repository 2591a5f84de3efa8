package dev.oncell.runtime.internal.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.FileEntry;
import dev.oncell.runtime.CellException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkFolderTest {

  @TempDir Path tmp;
  private Path work;
  private Path outside;
  private WorkFolder folder;

  @BeforeEach
  void setUp() throws Exception {
    work = Files.createDirectories(tmp.resolve("cells/a/work"));
    outside = Files.writeString(tmp.resolve("secret.txt"), "not yours");
    folder = new WorkFolder(work, 1 << 20);
  }

  private void assertRefused(String path) {
    assertThatThrownBy(() -> folder.read(path))
        .as("reading '%s'", path)
        .isInstanceOfSatisfying(
            CellException.class,
            e -> assertThat(e.kind()).isIn(ErrorKind.INVALID, ErrorKind.NOT_FOUND));
    assertThatThrownBy(() -> folder.write(path, new byte[] {1}))
        .as("writing '%s'", path)
        .isInstanceOf(CellException.class);
  }

  @Test
  void refusesDotDotAndAbsolutePaths() {
    for (String path :
        List.of("../secret.txt", "a/../../secret.txt", "/etc/passwd", "..", "a/..", "x\0y")) {
      assertRefused(path);
    }
    assertThat(outside).hasContent("not yours");
  }

  @Test
  void refusesSymbolicLinksThatLeadOut() throws Exception {
    // Links are read the way the cell sees them: an absolute target is a path inside the sandbox,
    // where /work is the cell's own folder and everything else is not the cell's.
    Path hostFile = Path.of("/etc/hostname");
    Files.createSymbolicLink(work.resolve("link-file"), hostFile);
    Files.createSymbolicLink(work.resolve("link-dir"), Path.of("/etc"));
    Files.createSymbolicLink(work.resolve("dangling"), Path.of("/nowhere/new.txt"));
    Files.createSymbolicLink(work.resolve("relative"), Path.of("../../../secret.txt"));
    Files.createSymbolicLink(work.resolve("up"), Path.of(".."));
    for (String path :
        List.of(
            "link-file",
            "link-dir/hostname",
            "link-dir/new.txt",
            "dangling",
            "relative",
            "up/secret.txt")) {
      assertRefused(path);
    }
    assertThat(outside).hasContent("not yours");
    assertThat(Path.of("/nowhere")).doesNotExist();
    assertThatThrownBy(() -> folder.list("link-dir")).isInstanceOf(CellException.class);
  }

  @Test
  void aLinkToAHostPathNeverReachesIt() throws Exception {
    // However the host path reads inside the cell, the host file is neither read nor written.
    Files.createSymbolicLink(work.resolve("host"), outside);
    try {
      assertThat(folder.read("host")).isNotEqualTo("not yours".getBytes(StandardCharsets.UTF_8));
    } catch (CellException refused) {
      // refused or not found: both fine
    }
    try {
      folder.write("host", new byte[] {1});
    } catch (CellException refused) {
      // fine
    }
    assertThat(outside).hasContent("not yours");
  }

  @Test
  void followsSymbolicLinksThatStayInside() throws Exception {
    folder.write("src/main.py", "print(1)".getBytes(StandardCharsets.UTF_8));
    Files.createSymbolicLink(work.resolve("alias"), Path.of("src"));
    assertThat(new String(folder.read("alias/main.py"), StandardCharsets.UTF_8))
        .isEqualTo("print(1)");
    assertThat(folder.list(""))
        .containsExactly(
            new FileEntry("alias", FileEntry.Type.SYMLINK, 0),
            new FileEntry("src", FileEntry.Type.DIRECTORY, 0));
  }

  @Test
  void randomPathsNeverResolveOutsideTheWorkFolder() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("WorkFolderTest seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    Files.createSymbolicLink(work.resolve("out"), tmp);
    Files.createDirectories(work.resolve("in/deeper"));
    String[] parts = {"..", ".", "", "in", "deeper", "out", "secret.txt", "x", "/", "%2e%2e"};
    for (int i = 0; i < 2000; i++) {
      StringBuilder path = new StringBuilder();
      int n = 1 + random.nextInt(6);
      for (int j = 0; j < n; j++) {
        path.append(parts[random.nextInt(parts.length)]);
        if (j < n - 1) {
          path.append('/');
        }
      }
      try {
        String resolved = folder.canonical(path.toString());
        assertThat(work.resolve(resolved).normalize().startsWith(work))
            .as("seed %d path %s resolved to %s", seed, path, resolved)
            .isTrue();
        assertThat(resolved).as("seed %d path %s", seed, path).doesNotContain("..");
      } catch (CellException e) {
        assertThat(e.code()).isEqualTo("invalid_path");
      }
    }
  }

  @Test
  void deletesFoldersOnlyWhenAskedRecursively() {
    folder.write("d/e/f.txt", new byte[] {1});
    assertThatThrownBy(() -> folder.delete("d", false))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("directory_not_empty"));
    assertThat(folder.delete("d", true)).isTrue();
    assertThat(folder.exists("d")).isFalse();
    assertThat(folder.delete("d", true)).isFalse();
  }

  @Test
  void recursiveDeleteDoesNotFollowLinksOut() throws Exception {
    Files.createDirectories(work.resolve("d"));
    Files.createSymbolicLink(work.resolve("d/out"), tmp);
    folder.delete("d", true);
    assertThat(outside).hasContent("not yours");
  }

  @Test
  void aFileInTheWayOfAFolderIsAConflict() {
    folder.write("a.txt", new byte[] {1});
    assertThatThrownBy(() -> folder.write("a.txt/b.txt", new byte[] {2}))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
  }

  @Test
  void aFifoIsNotAFileAndNeverBlocks() throws Exception {
    assertThat(new ProcessBuilder("mkfifo", work.resolve("pipe").toString()).start().waitFor())
        .isZero();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> folder.read("pipe"))
          .isInstanceOfSatisfying(
              CellException.class, e -> assertThat(e.code()).isEqualTo("not_a_file"));
    }
    assertThat(folder.list("")).containsExactly(new FileEntry("pipe", FileEntry.Type.OTHER, 0));
  }

  @Test
  void aLinkPointingOutIsDeletedItselfAndItsTargetStays() throws Exception {
    Files.createSymbolicLink(work.resolve("out"), outside);
    Files.createSymbolicLink(work.resolve("out-dir"), tmp);
    assertThat(folder.delete("out", false)).isTrue();
    assertThat(folder.delete("out-dir", true)).isTrue();
    assertThat(work.resolve("out")).doesNotExist();
    assertThat(outside).hasContent("not yours");
    assertThat(tmp.resolve("cells")).isDirectory();
  }

  @Test
  void aLinkInsideNamedAsAbsoluteWorkPathIsFollowedInsideTheCell() throws Exception {
    folder.write("src/a.txt", "a".getBytes(StandardCharsets.UTF_8));
    Files.createSymbolicLink(work.resolve("abs"), Path.of("/work/src"));
    assertThat(new String(folder.read("abs/a.txt"), StandardCharsets.UTF_8)).isEqualTo("a");
  }

  @Test
  void listingsComeInPagesSortedByName() {
    for (int i = 0; i < 25; i++) {
      folder.write(String.format(java.util.Locale.ROOT, "many/f%02d", i), new byte[] {1});
    }
    WorkFolder.Page first = folder.list("many", java.util.Optional.empty(), 10);
    assertThat(first.entries()).hasSize(10);
    assertThat(first.entries().getFirst().name()).isEqualTo("f00");
    assertThat(first.next()).contains("f09");
    WorkFolder.Page last = folder.list("many", java.util.Optional.of("f19"), 10);
    assertThat(last.entries())
        .extracting(FileEntry::name)
        .containsExactly("f20", "f21", "f22", "f23", "f24");
    assertThat(last.next()).isEmpty();
  }

  @Test
  void aTreeDeeperThanPathMaxIsDeletedRecursively() {
    StringBuilder p = new StringBuilder("deep");
    try (var root = dev.oncell.sandbox.fs.CellDir.open(work)) {
      var at = root.createDirs("deep");
      for (int i = 0; i < 2000; i++) {
        var next = at.createDirs("nnnnnnnnnn");
        at.close();
        at = next;
      }
      at.close();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(folder.delete(p.toString(), true)).isTrue();
    assertThat(work.resolve("deep")).doesNotExist();
  }
}
