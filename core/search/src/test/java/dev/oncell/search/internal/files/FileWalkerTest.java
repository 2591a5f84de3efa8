package dev.oncell.search.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWalkerTest {

  @TempDir Path root;

  private void write(String path, String content) throws IOException {
    Path f = root.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
  }

  private List<String> walk(String scope, Optional<String> glob) throws IOException {
    Path real = root.toRealPath();
    return new FileWalker(real, 1000)
        .walk(Scope.resolve(real, scope), Glob.compile(glob)).files().stream()
            .map(FileWalker.Entry::path)
            .sorted()
            .toList();
  }

  @Test
  void gitignoreAtTheRootAndNestedAndInfoExcludeAreHonoured() throws IOException {
    write(".gitignore", "*.log\nbuild/\n!keep.log\n/only-root.txt\n");
    write("a.log", "x");
    write("keep.log", "x");
    write("only-root.txt", "x");
    write("sub/only-root.txt", "x");
    write("build/out.js", "x");
    write("src/build/gen.js", "x");
    write("src/.gitignore", "secret.ts\n*.tmp\n");
    write("src/secret.ts", "x");
    write("src/main.ts", "x");
    write("src/deep/x.tmp", "x");
    write("other/secret.ts", "x");
    write(".git/info/exclude", "excluded.txt\n");
    write(".git/config", "x");
    write("excluded.txt", "x");
    assertThat(walk("", Optional.empty()))
        .containsExactlyInAnyOrder(
            ".gitignore",
            "keep.log",
            "sub/only-root.txt",
            "src/.gitignore",
            "src/main.ts",
            "other/secret.ts");
  }

  @Test
  void aNestedNegationReincludesWhatTheRootIgnores() throws IOException {
    write(".gitignore", "*.gen.ts\n");
    write("a.gen.ts", "x");
    write("pkg/.gitignore", "!b.gen.ts\n");
    write("pkg/b.gen.ts", "x");
    assertThat(walk("", Optional.empty()))
        .containsExactlyInAnyOrder(".gitignore", "pkg/.gitignore", "pkg/b.gen.ts");
  }

  @Test
  void skipsOversizedFilesAndCountsWhatItSkips() throws IOException {
    write(".gitignore", "ignored/\n");
    write("ignored/a.txt", "x");
    write("big.txt", "x".repeat(2000));
    write("small.txt", "x");
    Path real = root.toRealPath();
    FileWalker.Result r = new FileWalker(real, 1000).walk(Scope.all(), Optional.empty());
    assertThat(r.files())
        .extracting(FileWalker.Entry::path)
        .containsExactlyInAnyOrder(".gitignore", "small.txt");
    assertThat(r.skipped()).as("ignored/ and big.txt").isEqualTo(2);
  }

  @Test
  void symbolicLinksLeavingTheRootAreSkippedThoseInsideAreFollowed(@TempDir Path outside)
      throws IOException {
    Files.writeString(outside.resolve("secret.txt"), "secret");
    write("real.txt", "x");
    Files.createSymbolicLink(root.resolve("out.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("outdir"), outside);
    Files.createSymbolicLink(root.resolve("in.txt"), root.resolve("real.txt"));
    assertThat(walk("", Optional.empty())).containsExactlyInAnyOrder("real.txt", "in.txt");
  }

  @Test
  void scopeAndGlobNarrowTheWalk() throws IOException {
    write("src/a.ts", "x");
    write("src/b.py", "x");
    write("lib/c.ts", "x");
    write("d.ts", "x");
    assertThat(walk("src", Optional.empty())).containsExactly("src/a.ts", "src/b.py");
    assertThat(walk("", Optional.of("**/*.ts"))).containsExactly("d.ts", "lib/c.ts", "src/a.ts");
    assertThat(walk("src/a.ts", Optional.empty())).containsExactly("src/a.ts");
  }

  @Test
  void aScopeInsideAnIgnoredDirectoryHasNoFiles() throws IOException {
    write(".gitignore", "vendor/\n");
    write("vendor/lib/x.go", "x");
    assertThat(walk("vendor/lib", Optional.empty())).isEmpty();
  }

  @Test
  void fifosAreSkippedWithoutBlockingAndHostileDepthIsBounded() throws Exception {
    write("a.txt", "x");
    assertThat(new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start().waitFor())
        .isZero();
    try (var top = dev.oncell.sandbox.fs.CellDir.open(root)) {
      var at = top.createDirs("deep");
      for (int i = 0; i < dev.oncell.sandbox.fs.CellTree.MAX_DEPTH + 10; i++) {
        var next = at.createDirs("d");
        at.close();
        at = next;
      }
      at.write("bottom.txt", new java.io.ByteArrayInputStream(new byte[] {'x'}));
      at.close();
    }
    Path real = root.toRealPath();
    FileWalker.Result r =
        new FileWalker(real, 1000).walk(Scope.resolve(real, ""), Optional.empty());
    assertThat(r.files()).extracting(FileWalker.Entry::path).containsExactly("a.txt");
    assertThat(r.skipped()).as("the FIFO and the folder too deep").isEqualTo(2);
    try (var top = dev.oncell.sandbox.fs.CellDir.open(root)) {
      top.removeTree("deep");
    }
  }

  @Test
  void openFollowsALinkInsideByReadingItAndRefusesOneLeadingOut(@TempDir Path outside)
      throws IOException {
    Files.writeString(outside.resolve("secret.txt"), "secret");
    write("real.txt", "inside");
    Files.createSymbolicLink(root.resolve("in.txt"), Path.of("real.txt"));
    Files.createSymbolicLink(root.resolve("out"), outside);
    Path real = root.toRealPath();
    try (var ch = FileWalker.open(real, "in.txt")) {
      assertThat(ch.size()).isEqualTo(6);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FileWalker.open(real, "out/secret.txt"))
        .isInstanceOf(IOException.class);
  }
}
