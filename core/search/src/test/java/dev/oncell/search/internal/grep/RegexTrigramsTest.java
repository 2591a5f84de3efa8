package dev.oncell.search.internal.grep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.SearchException;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class RegexTrigramsTest {

  private static TrigramQuery q(String regex) {
    return GrepPattern.compile(regex).trigrams();
  }

  private static TrigramQuery tri(String s) {
    return new TrigramQuery.Tri(s);
  }

  /** The trigram texts a query mentions. */
  private static Set<String> leaves(TrigramQuery t) {
    Set<String> out = new TreeSet<>();
    switch (t) {
      case TrigramQuery.All a -> {}
      case TrigramQuery.Tri x -> out.add(x.text());
      case TrigramQuery.And and -> and.parts().forEach(p -> out.addAll(leaves(p)));
      case TrigramQuery.Or or -> or.parts().forEach(p -> out.addAll(leaves(p)));
    }
    return out;
  }

  /** Whether a block holding {@code text} is a candidate of {@code t}. */
  static boolean admits(TrigramQuery t, String text) {
    return switch (t) {
      case TrigramQuery.All a -> true;
      case TrigramQuery.Tri x -> {
        for (long packed : Trigrams.distinct(text)) {
          if (Trigrams.text(packed).equals(x.text())) {
            yield true;
          }
        }
        yield false;
      }
      case TrigramQuery.And and -> and.parts().stream().allMatch(p -> admits(p, text));
      case TrigramQuery.Or or -> or.parts().stream().anyMatch(p -> admits(p, text));
    };
  }

  @Test
  void aLiteralRequiresAllItsTrigramsExactly() {
    assertThat(q("Token"))
        .isEqualTo(new TrigramQuery.And(List.of(tri("Tok"), tri("oke"), tri("ken"))));
    assertThat(q("token")).isNotEqualTo(q("Token"));
  }

  @Test
  void caseInsensitiveCharsAskForEveryCaseVariant() {
    assertThat(leaves(q("(?i)tok")))
        .as("k also matches the Kelvin sign in a Unicode case-insensitive regex")
        .containsExactlyInAnyOrder(
            "tok",
            "toK",
            "to\u212a",
            "tOk",
            "tOK",
            "tO\u212a",
            "Tok",
            "ToK",
            "To\u212a",
            "TOk",
            "TOK",
            "TO\u212a");
    assertThat(leaves(q("(?i)TOKEN"))).isEqualTo(leaves(q("(?i)token")));
    assertThat(leaves(q("(?i)stra\u00dfe")))
        .as("sharp s and capital sharp s")
        .contains("ra\u00df", "ra\u1e9e", "RA\u1e9e");
    assertThat(Trigrams.variants('\u00df')).contains('\u1e9e');
    assertThat(Trigrams.variants('s')).contains('S', '\u017f');
    assertThat(Trigrams.variants('\ud801')).as("a surrogate: unknown").isEmpty();
    assertThat(leaves(q("(?i)a\ud801\udc00bcd")))
        .as("trigrams over a case-insensitive supplementary char are dropped")
        .contains("bcd", "BCD")
        .allMatch(t -> t.chars().noneMatch(c -> Character.isSurrogate((char) c)));
  }

  @Test
  void caseInsensitivityIsScopedAsJavaScopesIt() {
    Set<String> inline = leaves(q("(?i:abc)def"));
    assertThat(inline).contains("abc", "ABC", "Cde", "cde").doesNotContain("DEF", "cDe");
    Set<String> grouped = leaves(q("(xy(?i)z)www"));
    assertThat(grouped).contains("xyz", "xyZ", "www").doesNotContain("Xyz", "WWW");
    Set<String> off = leaves(q("(?i)abc(?-i)def"));
    assertThat(off).contains("ABC", "def").doesNotContain("DEF");
    assertThat(leaves(q("abc(?i)|def")))
        .as("an inline flag holds across | to the end of the group, as in Java")
        .contains("abc", "DEF");
  }

  @Test
  void anAlternationRequiresOneBranch() {
    assertThat(q("fooo|barr"))
        .isEqualTo(
            new TrigramQuery.Or(
                List.of(
                    new TrigramQuery.And(List.of(tri("foo"), tri("ooo"))),
                    new TrigramQuery.And(List.of(tri("bar"), tri("arr"))))));
  }

  @Test
  void smallClassesAndOptionalsExpandToExactStrings() {
    assertThat(q("ab[cd]")).isEqualTo(new TrigramQuery.Or(List.of(tri("abc"), tri("abd"))));
    assertThat(q("colou?r"))
        .isEqualTo(
            new TrigramQuery.Or(
                List.of(
                    new TrigramQuery.And(List.of(tri("col"), tri("olo"), tri("lou"), tri("our"))),
                    new TrigramQuery.And(List.of(tri("col"), tri("olo"), tri("lor"))))));
  }

  @Test
  void wildcardsSplitTheRequirement() {
    assertThat(q("foo.*bar")).isEqualTo(new TrigramQuery.And(List.of(tri("foo"), tri("bar"))));
    assertThat(q("^\\s+return\\b")).isEqualTo(q("return"));
    assertThat(q("x+yzw")).isEqualTo(tri("yzw"));
  }

  @Test
  void patternsWithNoTrigramRequireNothing() {
    for (String regex :
        new String[] {
          "a.b",
          "ab",
          "[a-z]+",
          "x*",
          "^$",
          "(abc)?",
          "abc|d",
          "(a)\\1bc",
          "(?x) a b c",
          "[^abc]def"
        }) {
      TrigramQuery t = q(regex);
      if (regex.equals("[^abc]def")) {
        assertThat(t).as(regex).isEqualTo(new TrigramQuery.Tri("def"));
      } else {
        assertThat(t).as(regex).isInstanceOf(TrigramQuery.All.class);
      }
    }
  }

  @Test
  void posixClassesTranslate() {
    assertThat(GrepPattern.translate("[[:alpha:]]+[[:digit:]]")).isEqualTo("[\\p{Alpha}]+[0-9]");
    assertThat(GrepPattern.compile("[[:alpha:]]+").pattern().matcher("\u00e9t\u00e9").matches())
        .isTrue();
    assertThat(GrepPattern.compile("[[:punct:]]").pattern().matcher("$").matches()).isTrue();
    assertThat(GrepPattern.translate("[^[:space:]]")).isEqualTo("[^\\s\\x0B]");
    assertThat(GrepPattern.translate("\\<word\\>")).isEqualTo("\\bword\\b");
    assertThat(GrepPattern.compile("[[:upper:]][[:lower:]]+").pattern().matcher("Hello").matches())
        .isTrue();
    Assertions.assertThatThrownBy(() -> GrepPattern.compile("[[:nope:]]"))
        .isInstanceOfSatisfying(
            SearchException.class, e -> assertThat(e.code()).isEqualTo("invalid_regex"));
  }

  @Test
  void hugeDisjunctionsAreBounded() {
    StringBuilder alt = new StringBuilder();
    for (int i = 0; i < 700; i++) {
      alt.append(i == 0 ? "" : "|").append("word").append(i).append("xyz");
    }
    TrigramQuery t = q(alt.toString());
    assertThat(t).isInstanceOf(TrigramQuery.All.class);
  }

  @Test
  void aCodePointIsOneAtom() {
    String emoji = "\ud83d\ude00";
    assertThat(admits(q("xa" + emoji + "?bc"), "xabc")).isTrue();
    assertThat(admits(q("xa[" + emoji + "b]c"), "xa" + emoji + "c")).isTrue();
  }

  @Test
  void aQuantifierAfterAQuoteRepeatsItsLastChar() {
    assertThat(GrepPattern.compile("\\Qabc\\E{2}").pattern().matcher("abcc").find()).isTrue();
    assertThat(admits(q("\\Qabc\\E{2}"), "abcc")).isTrue();
    assertThat(admits(q("x\\Q.a(\\E?yz"), "x.ayz")).isTrue();
    assertThat(GrepPattern.unquote("a\\Q.b\\E*")).isEqualTo("a\\.b*");
  }

  @Test
  void noMatchingLineIsExcluded() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random random = new Random(seed);
    String[] atoms = {
      "a",
      "b",
      "B",
      "k",
      "K",
      "\u212a",
      "s",
      "\u017f",
      "\u00df",
      "\u1e9e",
      "x",
      "X",
      "1",
      " ",
      "\\.",
      ".",
      "[ab]",
      "[a-c]",
      "[Kk]",
      "\\w",
      "\\s",
      "\\d",
      "(?i)",
      "(?-i)",
      "\\Q.a\\E",
      "\ud83d\ude00"
    };
    String[] texts = {
      "a",
      "b",
      "B",
      "A",
      "k",
      "K",
      "\u212a",
      "s",
      "S",
      "\u017f",
      "\u00df",
      "\u1e9e",
      "x",
      "X",
      "1",
      " ",
      ".",
      "\ud83d\ude00"
    };
    int rounds = 20_000 * Integer.getInteger("tests.multiplier", 1);
    for (int round = 0; round < rounds; round++) {
      StringBuilder re = new StringBuilder();
      int parts = 1 + random.nextInt(7);
      for (int i = 0; i < parts; i++) {
        int kind = random.nextInt(12);
        if (kind == 0) {
          re.append("(?i:").append(atoms[random.nextInt(atoms.length)]).append("b)");
        } else if (kind == 1) {
          re.append("(").append(atoms[random.nextInt(atoms.length)]).append("|xk)");
        } else {
          re.append(atoms[random.nextInt(atoms.length)]);
        }
        if (random.nextInt(5) == 0) {
          re.append("?*+".charAt(random.nextInt(3)));
        }
      }
      Pattern p;
      try {
        p = GrepPattern.compile(re.toString()).pattern();
      } catch (SearchException e) {
        continue;
      }
      TrigramQuery t = q(re.toString());
      for (int k = 0; k < 20; k++) {
        StringBuilder line = new StringBuilder();
        int n = random.nextInt(10);
        for (int i = 0; i < n; i++) {
          line.append(texts[random.nextInt(texts.length)]);
        }
        if (p.matcher(line).find()) {
          assertThat(admits(t, line.toString()))
              .as("%s excludes the matching line '%s' (seed %d)", re, line, seed)
              .isTrue();
        }
      }
    }
  }
}
