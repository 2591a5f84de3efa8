package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.SearchException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Globs whose wildcards would make matching one long path backtrack for seconds are refused before
 * they compile, with {@code pattern_too_complex}; the globs people write pass.
 */
class GlobLimitsTest {

  @TempDir Path root;
  @TempDir Path indexDir;

  @Test
  void everydayGlobsPass() {
    for (String glob :
        List.of(
            "**/*.ts",
            "*.md",
            "src/**/*Test*.java",
            "{services,libs}/**/*.{ts,py}",
            "**/test/**/*_test.go",
            "a/b/c/*.*",
            "\\*\\*\\*\\*.txt")) {
      assertThatCode(() -> Requests.glob(Optional.of(glob))).as(glob).doesNotThrowAnyException();
    }
  }

  @Test
  void costlyGlobsAreRefusedByTheIndexBeforeAnyWork() throws Exception {
    SampleRepo.create(root);
    try (CodeIndex index = CodeIndex.open(indexDir, root)) {
      for (String glob : List.of("*a*a*a*a*b", "**/a/**/b/**/c", "{*a,*b}{*a,*b}")) {
        assertThatThrownBy(() -> index.grep("token", Optional.of(glob), 5))
            .as(glob)
            .isInstanceOfSatisfying(
                SearchException.class,
                e -> {
                  assertThat(e.invalid()).isTrue();
                  assertThat(e.code()).isEqualTo("pattern_too_complex");
                  assertThat(e.getMessage()).contains("limit: glob wildcards");
                });
        assertThatThrownBy(() -> index.search("token", 5, Optional.of(glob)))
            .isInstanceOf(SearchException.class);
        assertThatThrownBy(() -> index.index("", Optional.of(glob)))
            .isInstanceOf(SearchException.class);
      }
      assertThat(index.status().files()).as("nothing was indexed").isZero();
    }
  }
}
