package dev.oncell.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.GrepMatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grep against the real {@code grep -rnE} on a generated tree (seed printed; -Dtests.seed=N). */
class GrepTest {

  static final String[] WORDS = {
    "foo",
    "bar",
    "baz",
    "foobar",
    "barbaz",
    "verifyToken",
    "verify_token",
    "HTTPServer",
    "httpserver",
    "return",
    "import",
    "colour",
    "color",
    "TODO",
    "fix",
    "FIXME",
    "a.b",
    "axb",
    "abc",
    "abbbc",
    "ac",
    "getValue(",
    "setValue(",
    "\"quoted text\"",
    "''",
    "error:",
    "errors:",
    "12px",
    "345",
    "7",
    "x",
    "UserService",
    "Invoice",
    "min.js",
    "the",
    "end;",
    "  ",
    "\t",
    "{",
    "}",
    "[x]",
    "caf\u00e9",
    "na\u00efve",
    "$HOME",
    "a+b",
    "(paren)",
    "^caret",
    "back\\slash"
  };

  @TempDir static Path root;
  @TempDir static Path indexDir;
  static CodeIndex index;
  static long seed;

  @BeforeAll
  static void generate() throws IOException {
    seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("GrepTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int f = 0; f < 80; f++) {
      StringBuilder text = new StringBuilder();
      int lines = random.nextInt(60);
      for (int l = 0; l < lines; l++) {
        if (random.nextInt(10) == 0) {
          text.append('\n');
          continue;
        }
        int words = 1 + random.nextInt(8);
        for (int w = 0; w < words; w++) {
          if (w > 0) {
            text.append(random.nextInt(5) == 0 ? "" : " ");
          }
          text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        if (random.nextInt(6) == 0) {
          text.append("  ");
        }
        text.append(random.nextInt(15) == 0 ? "\r\n" : "\n");
      }
      if (random.nextInt(5) == 0 && !text.isEmpty()) {
        text.setLength(text.length() - 1); // no final newline
      }
      String dir =
          switch (f % 4) {
            case 0 -> "";
            case 1 -> "src/";
            case 2 -> "src/deep/er/";
            default -> "docs/";
          };
      String ext = f % 3 == 0 ? ".ts" : f % 3 == 1 ? ".md" : ".txt";
      Path file = root.resolve(dir + "file" + f + ext);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    }
    index = CodeIndex.open(indexDir, root);
    index.index("", Optional.empty());
  }

  @AfterAll
  static void close() {
    index.close();
  }

  static Set<String> realGrep(List<String> options, String pattern) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/grep", "-rnE"));
    command.addAll(options);
    command.add("-e");
    command.add(pattern);
    command.add(".");
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.redirectErrorStream(false);
    Process p = pb.start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    int exit = p.waitFor();
    assertThat(exit).as("grep exit for " + pattern).isLessThanOrEqualTo(1);
    Set<String> lines = new HashSet<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isEmpty()) {
        lines.add(line.substring(2)); // "./"
      }
    }
    return lines;
  }

  static Set<String> ours(String regex, Optional<String> glob) {
    Set<String> lines = new HashSet<>();
    for (GrepMatch m : index.grep(regex, glob, 100_000)) {
      lines.add(m.path() + ":" + m.line() + ":" + m.text());
    }
    return lines;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " ;; ",
      quoteCharacter = '`',
      value = {
        "verifyToken ;; verifyToken ;; ",
        "foo|bar ;; foo|bar ;; ",
        "^import ;; ^import ;; ",
        ";$ ;; ;$ ;; ",
        "[0-9]{3} ;; [0-9]{3} ;; ",
        "[[:digit:]]+px ;; [[:digit:]]+px ;; ",
        "[[:alpha:]]+_[[:alpha:]]+ ;; [[:alpha:]]+_[[:alpha:]]+ ;; ",
        "a.b ;; a.b ;; ",
        "a\\.b ;; a\\.b ;; ",
        "(?i)httpserver ;; httpserver ;; -i",
        "colou?r ;; colou?r ;; ",
        "^$ ;; ^$ ;; ",
        "^[[:space:]]+return ;; ^[[:space:]]+return ;; ",
        "(get|set)Value\\( ;; (get|set)Value\\( ;; ",
        "\"[^\"]*\" ;; \"[^\"]*\" ;; ",
        "\\bfoo\\b ;; \\bfoo\\b ;; ",
        "errors?: ;; errors?: ;; ",
        "TODO.*fix ;; TODO.*fix ;; ",
        "[A-Z][a-z]+Service ;; [A-Z][a-z]+Service ;; ",
        "ab+c ;; ab+c ;; ",
        "zzzz_nomatch ;; zzzz_nomatch ;; ",
        "(foo|bar)baz ;; (foo|bar)baz ;; ",
        "^.{30,}$ ;; ^.{30,}$ ;; ",
        "caf. ;; caf. ;; ",
        "`  $` ;; `  $` ;; ",
        "\\$HOME ;; \\$HOME ;; ",
        "x ;; x ;; ",
        "[[:upper:]]{4,} ;; [[:upper:]]{4,} ;; ",
        "\\t ;; `\t` ;; ",
        "(?i)^TODO|fixme ;; ^TODO|fixme ;; -i",
        "ba[rz]{2} ;; ba[rz]{2} ;; ",
        "[[:punct:]]{3} ;; [[:punct:]]{3} ;; ",
        "\\w+\u00e9 ;; \\w+\u00e9 ;; ",
        "\\<na ;; \\<na ;; ",
        "(?i)verify_?token ;; verify_?token ;; -i",
        "\\Qa.b\\E ;; a\\.b ;; ",
        "\\Qab\\E{2}c ;; abbc ;; ",
        "^[a-z]+$ ;; ^[a-z]+$ ;; ",
        "(?i)[a-c]{2,} ;; [a-c]{2,} ;; -i",
        "(?i)FOO(?-i)bar ;; [Ff][Oo][Oo]bar ;; ",
      })
  void grepFindsWhatGrepFinds(String ours, String theirs, String flag) throws Exception {
    List<String> options = flag == null || flag.isBlank() ? List.of() : List.of(flag.strip());
    Set<String> expected = realGrep(options, theirs);
    assertThat(ours(ours, Optional.empty()))
        .as("grep %s (ours: %s), seed %d", theirs, ours, seed)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void globLimitAndOrderApply() throws Exception {
    Set<String> expected = new HashSet<>();
    for (String line : realGrep(List.of("--include=*.ts"), "foo")) {
      expected.add(line);
    }
    assertThat(ours("foo", Optional.of("**/*.ts"))).isEqualTo(expected);
    List<GrepMatch> all = index.grep("foo", Optional.empty(), 100_000);
    List<GrepMatch> sorted = new ArrayList<>(all);
    sorted.sort(java.util.Comparator.comparing(GrepMatch::path).thenComparingInt(GrepMatch::line));
    assertThat(all).as("path then line order").isEqualTo(sorted);
    assertThat(index.grep("foo", Optional.empty(), 5))
        .isEqualTo(all.subList(0, Math.min(5, all.size())));
  }
}
