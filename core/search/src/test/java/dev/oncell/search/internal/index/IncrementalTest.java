package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexReport;
import dev.oncell.search.SearchHit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalTest {

  @TempDir Path root;
  @TempDir Path indexDir;

  private static List<String> paths(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::path).toList();
  }

  @Test
  void addChangeAndDeleteAreCountedAndSearchFollows() throws Exception {
    SampleRepo.create(root);
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      IndexReport first = index.index("", Optional.empty());
      assertThat(first.files()).isEqualTo(9);

      IndexReport again = index.index("", Optional.empty());
      assertThat(again).isEqualTo(new IndexReport(0, 9, 0, 5, 0));

      SampleRepo.write(
          root,
          "src/payments/refund.go",
          "package payments\n\nfunc IssueRefund(orderID string) error { return nil }\n");
      SampleRepo.write(
          root,
          SampleRepo.USERS,
          "class UserDirectory:\n    def lookup_member(self, handle):\n        return None\n");
      Files.delete(root.resolve(SampleRepo.SERVER));
      IndexReport changed = index.index("", Optional.empty());
      assertThat(changed.files()).as("one new, one changed").isEqualTo(2);
      assertThat(changed.removed()).as("one deleted").isEqualTo(1);
      assertThat(changed.unchanged()).isEqualTo(7);

      assertThat(paths(index.search("IssueRefund", 5, Optional.empty())))
          .first()
          .isEqualTo("src/payments/refund.go");
      assertThat(paths(index.search("lookup_member", 5, Optional.empty())))
          .first()
          .isEqualTo(SampleRepo.USERS);
      assertThat(paths(index.search("find_by_email dataclass", 10, Optional.empty())))
          .doesNotContain(SampleRepo.USERS);
      assertThat(index.grep("UserRepository", Optional.empty(), 10)).isEmpty();
      assertThat(paths(index.search("HTTPServer ListenAndServe", 10, Optional.empty())))
          .doesNotContain(SampleRepo.SERVER);
      assertThat(index.grep("ListenAndServe", Optional.empty(), 10)).isEmpty();
      assertThat(index.status().files()).isEqualTo(9);
    }
  }

  @Test
  void aTouchedFileWithTheSameContentIsUnchanged() throws Exception {
    SampleRepo.write(root, "a.txt", "alpha beta\n");
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      index.index("", Optional.empty());
      Files.setLastModifiedTime(
          root.resolve("a.txt"), FileTime.from(Instant.now().plusSeconds(60)));
      IndexReport r = index.index("", Optional.empty());
      assertThat(r.files()).isZero();
      assertThat(r.unchanged()).isEqualTo(1);
    }
  }

  @Test
  void aSameSizeRewriteRightAfterIndexingIsSeen() throws Exception {
    SampleRepo.write(root, "a.txt", "alpha\n");
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      index.index("", Optional.empty());
      SampleRepo.write(root, "a.txt", "gamma\n");
      IndexReport r = index.index("", Optional.empty());
      assertThat(r.files()).as("same size, maybe the same mtime: still re-hashed").isEqualTo(1);
      assertThat(paths(index.search("gamma", 5, Optional.empty()))).containsExactly("a.txt");
    }
  }

  @Test
  void aSubPathOrGlobRunOnlyTouchesItsScope() throws Exception {
    SampleRepo.write(root, "src/a.ts", "export const apple = 1;\n");
    SampleRepo.write(root, "src/b.py", "banana = 2\n");
    SampleRepo.write(root, "lib/c.ts", "export const cherry = 3;\n");
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      assertThat(index.index("src", Optional.empty()).files()).isEqualTo(2);
      assertThat(paths(index.search("cherry", 5, Optional.empty()))).isEmpty();
      assertThat(index.index("", Optional.of("**/*.ts")))
          .as("lib/c.ts new, src/a.ts unchanged, src/b.py out of the glob")
          .isEqualTo(new IndexReport(1, 1, 0, 0, 1));
      Files.delete(root.resolve("src/b.py"));
      Files.delete(root.resolve("lib/c.ts"));
      IndexReport ts = index.index("", Optional.of("**/*.ts"));
      assertThat(ts.removed()).as("only lib/c.ts is in the glob's scope").isEqualTo(1);
      assertThat(index.search("banana", 5, Optional.empty()))
          .as("out of scope, not removed yet")
          .isNotEmpty();
      assertThat(index.index("src", Optional.empty()).removed()).isEqualTo(1);
      assertThat(index.search("banana", 5, Optional.empty())).isEmpty();
      assertThat(index.index("src/a.ts", Optional.empty()))
          .isEqualTo(new IndexReport(0, 1, 0, 0, 0));
    }
  }

  @Test
  void aFileThatBecomesBinaryOrIgnoredLeavesTheIndex() throws Exception {
    SampleRepo.write(root, "a.txt", "alpha\n");
    SampleRepo.write(root, "b.txt", "bravo\n");
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      index.index("", Optional.empty());
      Files.write(root.resolve("a.txt"), new byte[] {'a', 0, 'b', 'c', 'd', 'e', 'f', 'g'});
      SampleRepo.write(root, ".gitignore", "b.txt\n");
      IndexReport r = index.index("", Optional.empty());
      assertThat(r.removed()).isEqualTo(2);
      assertThat(r.skipped()).isEqualTo(2);
      assertThat(index.search("alpha", 5, Optional.empty())).isEmpty();
      assertThat(index.search("bravo", 5, Optional.empty())).isEmpty();
    }
  }

  @Test
  void reopeningKeepsEverythingAndFindsNothingToDo() throws Exception {
    SampleRepo.create(root);
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      index.index("", Optional.empty());
    }
    assertThat(CodeIndex.hasPendingWork(indexDir)).isFalse();
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      assertThat(index.status().files()).isEqualTo(9);
      assertThat(paths(index.search("authentication middleware", 5, Optional.empty())))
          .first()
          .isEqualTo(SampleRepo.AUTH);
      assertThat(index.grep("verifyToken", Optional.empty(), 100)).isNotEmpty();
      IndexReport r = index.index("", Optional.empty());
      assertThat(r.files()).isZero();
      assertThat(r.unchanged()).isEqualTo(9);
    }
  }

  @Test
  void anInterruptedRunIsResumedOnOpen() throws Exception {
    SampleRepo.create(root);
    Files.createDirectories(indexDir);
    // What a crash right after a run started leaves: the marker and no commit.
    Files.writeString(indexDir.resolve(PendingMarker.FILE), "oncell-index-pending 1\nrun . -\n");
    assertThat(CodeIndex.hasPendingWork(indexDir)).isTrue();
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      assertThat(index.awaitIdle(java.time.Duration.ofSeconds(30))).isTrue();
      assertThat(index.status().files()).isEqualTo(9);
      assertThat(CodeIndex.hasPendingWork(indexDir)).isFalse();
    }
  }

  @Test
  void progressIsReportedWhileIndexing() throws Exception {
    SampleRepo.create(root);
    List<dev.oncell.search.IndexStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    dev.oncell.search.IndexOptions options =
        dev.oncell.search.IndexOptions.defaults().withListener(seen::add);
    try (CodeIndex index = CodeIndex.open(indexDir, root, options)) {
      index.index("", Optional.empty());
    }
    assertThat(seen).isNotEmpty();
    assertThat(seen.getLast().files()).isEqualTo(9);
  }

  @Test
  void anIndexDirectoryInsideTheRootIsNotIndexed() throws Exception {
    SampleRepo.write(root, "a.txt", "alpha\n");
    Path inside = root.resolve(".index");
    try (CodeIndex index = CodeIndex.open(inside, root)) {
      index.index("", Optional.empty());
      IndexReport again = index.index("", Optional.empty());
      assertThat(again).isEqualTo(new IndexReport(0, 1, 0, 0, 0));
      assertThat(index.status().files()).isEqualTo(1);
    }
  }
}
