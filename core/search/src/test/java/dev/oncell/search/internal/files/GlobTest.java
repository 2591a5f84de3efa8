package dev.oncell.search.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.search.SearchException;
import org.junit.jupiter.api.Test;

class GlobTest {

  private static boolean m(String glob, String path) {
    return Glob.compile(glob).matches(path);
  }

  @Test
  void doubleStarSlashMatchesZeroOrMoreDirectories() {
    assertThat(m("**/*.ts", "a.ts")).as("top-level file").isTrue();
    assertThat(m("**/*.ts", "src/a.ts")).isTrue();
    assertThat(m("**/*.ts", "src/x/y/a.ts")).isTrue();
    assertThat(m("**/*.ts", "src/a.tsx")).isFalse();
    assertThat(m("src/**/*.ts", "src/a.ts")).isTrue();
    assertThat(m("src/**/*.ts", "src/x/a.ts")).isTrue();
    assertThat(m("src/**/*.ts", "lib/a.ts")).isFalse();
    assertThat(m("src/**", "src/x/a.ts")).isTrue();
    assertThat(m("**", "anything/at/all")).isTrue();
  }

  @Test
  void singleStarStaysInOneSegment() {
    assertThat(m("src/*.ts", "src/a.ts")).isTrue();
    assertThat(m("src/*.ts", "src/x/a.ts")).isFalse();
    assertThat(m("src/?.ts", "src/a.ts")).isTrue();
    assertThat(m("src/?.ts", "src/ab.ts")).isFalse();
  }

  @Test
  void aGlobWithoutSlashMatchesTheFileNameAtAnyDepth() {
    assertThat(m("*.md", "README.md")).isTrue();
    assertThat(m("*.md", "docs/guide/intro.md")).isTrue();
    assertThat(m("Makefile", "build/Makefile")).isTrue();
  }

  @Test
  void bracesAndClasses() {
    assertThat(m("**/*.{ts,py,go,md}", "a/b.py")).isTrue();
    assertThat(m("**/*.{ts,py,go,md}", "b.md")).isTrue();
    assertThat(m("**/*.{ts,py,go,md}", "b.java")).isFalse();
    assertThat(m("**/*.{ts,{tsx,jsx}}", "x.jsx")).as("nested braces").isTrue();
    assertThat(m("file[0-9].txt", "file7.txt")).isTrue();
    assertThat(m("file[!0-9].txt", "file7.txt")).isFalse();
    assertThat(m("file[!0-9].txt", "filex.txt")).isTrue();
    assertThat(m("a+b(c).txt", "a+b(c).txt")).as("regex characters are literal").isTrue();
    assertThat(m("./src/*.ts", "src/a.ts")).isTrue();
  }

  @Test
  void invalidGlobsSayWhatIsWrong() {
    for (String bad : new String[] {"**/*.{ts,py", "src/[abc", "a}b", "", "   ", "x\\"}) {
      assertThatThrownBy(() -> Glob.compile(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              SearchException.class,
              e -> {
                assertThat(e.code()).isEqualTo("invalid_glob");
                assertThat(e.invalid()).isTrue();
                assertThat(e.getMessage()).contains("invalid glob");
              });
    }
  }

  @org.junit.jupiter.api.Test
  void matchingIsLinearForGlobsThatMadeTheRegexBacktrack() {
    // With java.util.regex these took seconds on one long path (and never ended on a deep one).
    Glob stars = Glob.compile("*a*a*a*a*a*b");
    Glob deep = Glob.compile("**/a/**/a/**/a/**/b");
    String name = "a".repeat(5_000);
    String path = "a/".repeat(5_000) + "c";
    for (int i = 0; i < 50; i++) {
      org.assertj.core.api.Assertions.assertThat(stars.matches(name)).isFalse();
      org.assertj.core.api.Assertions.assertThat(deep.matches(path)).isFalse();
    }
    org.assertj.core.api.Assertions.assertThat(stars.matches("xaayaazab")).isTrue();
    org.assertj.core.api.Assertions.assertThat(deep.matches("x/a/y/a/a/z/b")).isTrue();
  }
}
