package dev.oncell.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            e ->
                assertThat(e.kind())
                    .isIn(CellException.Kind.INVALID, CellException.Kind.NOT_FOUND));
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
    Files.createSymbolicLink(work.resolve("link-file"), outside);
    Files.createSymbolicLink(work.resolve("link-dir"), tmp);
    Files.createSymbolicLink(work.resolve("dangling"), tmp.resolve("nowhere/new.txt"));
    Files.createSymbolicLink(work.resolve("relative"), Path.of("../../../secret.txt"));
    for (String path :
        List.of("link-file", "link-dir/secret.txt", "link-dir/new.txt", "dangling", "relative")) {
      assertRefused(path);
    }
    assertThat(outside).hasContent("not yours");
    assertThat(tmp.resolve("new.txt")).doesNotExist();
    assertThat(tmp.resolve("nowhere")).doesNotExist();
    assertThatThrownBy(() -> folder.list("link-dir")).isInstanceOf(CellException.class);
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
        Path resolved = folder.resolve(path.toString());
        assertThat(resolved.normalize().startsWith(work.toRealPath()))
            .as("seed %d path %s resolved to %s", seed, path, resolved)
            .isTrue();
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
            CellException.class, e -> assertThat(e.kind()).isEqualTo(CellException.Kind.CONFLICT));
  }
}
