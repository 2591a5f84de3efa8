package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexStatus;
import dev.oncell.search.SearchException;
import dev.oncell.search.SearchMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvalidInputTest {

  @TempDir Path root;
  @TempDir Path indexDir;
  @TempDir Path outside;
  CodeIndex index;
  IndexStatus before;

  @BeforeEach
  void open() throws Exception {
    SampleRepo.create(root);
    index = CodeIndex.open(indexDir, root);
    index.index("", Optional.empty());
    assertThat(index.awaitIdle(java.time.Duration.ofSeconds(10))).isTrue();
    SampleRepo.write(root, "src/late.ts", "export const lateArrival = 1;\n");
    before = index.status();
  }

  @AfterEach
  void close() {
    index.close();
  }

  private void rejected(String code, ThrowingCallable call, String... messageParts) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SearchException.class,
            e -> {
              assertThat(e.invalid()).as("invalid").isTrue();
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(messageParts);
            });
    assertThat(index.status()).as("nothing changed").isEqualTo(before);
    assertThat(CodeIndex.hasPendingWork(indexDir)).isFalse();
    assertThat(index.search("lateArrival", 5, Optional.empty())).as("nothing indexed").isEmpty();
  }

  @Test
  void badQueries() {
    rejected("invalid_query", () -> index.search("", 5, Optional.empty()), "empty");
    rejected("invalid_query", () -> index.search("  \n\t", 5, Optional.empty()), "empty");
    rejected(
        "invalid_query",
        () -> index.search("x".repeat(20_001), 5, Optional.empty()),
        "20001",
        "20000");
  }

  @Test
  void badTopK() {
    rejected(
        "invalid_top_k", () -> index.search("token", 0, Optional.empty()), "between 1 and 100");
    rejected("invalid_top_k", () -> index.search("token", 101, Optional.empty()), "101");
    rejected("invalid_top_k", () -> index.search("token", -3, Optional.empty()), "-3");
  }

  @Test
  void badGlobs() {
    rejected(
        "invalid_glob", () -> index.search("token", 5, Optional.of("**/*.{ts")), "never closed");
    rejected("invalid_glob", () -> index.grep("token", Optional.of("[abc"), 5), "never closed");
    rejected("invalid_glob", () -> index.index("", Optional.of("src/**}")), "closes no");
    rejected("invalid_glob", () -> index.index("", Optional.of(" ")), "blank");
  }

  @Test
  void badPaths() throws Exception {
    Files.writeString(outside.resolve("x.txt"), "outside");
    Files.createSymbolicLink(root.resolve("escape"), outside);
    rejected("invalid_path", () -> index.index("../", Optional.empty()), "outside");
    rejected("invalid_path", () -> index.index("src/../../etc", Optional.empty()), "outside");
    rejected("invalid_path", () -> index.index(outside.toString(), Optional.empty()), "outside");
    rejected("invalid_path", () -> index.index("/etc/passwd", Optional.empty()), "outside");
    rejected("invalid_path", () -> index.index("no/such/dir", Optional.empty()), "no such");
    rejected("invalid_path", () -> index.index("escape", Optional.empty()), "symbolic link");
    rejected("invalid_path", () -> index.index(".git", Optional.empty()), ".git");
  }

  @Test
  void anAbsolutePathInsideTheRootIsFine() {
    assertThat(index.index(root.resolve("src").toString(), Optional.empty()).files()).isEqualTo(1);
  }

  @Test
  void badRegexesAndLimits() {
    rejected("invalid_regex", () -> index.grep("(unclosed", Optional.empty(), 5), "(unclosed");
    rejected("invalid_regex", () -> index.grep("a{,3}", Optional.empty(), 5), "near position");
    rejected("invalid_regex", () -> index.grep("[[:nope:]]", Optional.empty(), 5), "[:nope:]");
    rejected(
        "pattern_too_complex",
        () -> index.grep("a".repeat(10_001), Optional.empty(), 5),
        "pattern length");
    rejected(
        "invalid_limit", () -> index.grep("token", Optional.empty(), 0), "between 1 and 100000");
    rejected("invalid_limit", () -> index.grep("token", Optional.empty(), 100_001), "100001");
  }

  @Test
  void vectorSearchOnAKeywordOnlyIndex() {
    rejected(
        "invalid_mode",
        () -> index.search("token", 5, Optional.empty(), SearchMode.VECTOR),
        "keyword-only");
  }

  @Test
  void aHugeQueryOfManyDistinctTermsStaysUnderTheClauseLimit() throws Exception {
    StringBuilder vocabulary = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      vocabulary.append("term").append(Integer.toString(i, 36)).append(i % 7 == 0 ? "\n" : " ");
    }
    SampleRepo.write(root, "vocab.txt", vocabulary.toString());
    index.index("", Optional.empty());
    String query = vocabulary.substring(0, Math.min(vocabulary.length(), 19_999));
    assertThat(index.search(query, 10, Optional.empty())).isNotEmpty();
  }

  @Test
  void callsOnAClosedIndexFailAsNotInvalid() {
    index.close();
    assertThatThrownBy(() -> index.search("token", 5, Optional.empty()))
        .isInstanceOfSatisfying(SearchException.class, e -> assertThat(e.invalid()).isFalse());
    index.close(); // twice is fine
  }

  @Test
  void openingANonDirectoryRootIsInvalid() {
    assertThatThrownBy(
            () -> CodeIndex.open(indexDir.resolveSibling("other"), root.resolve("README.md")))
        .isInstanceOfSatisfying(
            SearchException.class, e -> assertThat(e.code()).isEqualTo("invalid_path"));
  }
}
