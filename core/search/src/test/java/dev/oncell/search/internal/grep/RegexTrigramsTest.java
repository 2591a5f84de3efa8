package dev.oncell.search.internal.grep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.search.SearchException;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class RegexTrigramsTest {

  private static TrigramQuery q(String regex) {
    return GrepPattern.compile(regex).trigrams();
  }

  private static TrigramQuery tri(String s) {
    return new TrigramQuery.Tri(s);
  }

  @Test
  void aLiteralRequiresAllItsTrigramsCaseFolded() {
    assertThat(q("Token"))
        .isEqualTo(new TrigramQuery.And(List.of(tri("tok"), tri("oke"), tri("ken"))));
    assertThat(q("(?i)TOKEN")).isEqualTo(q("token"));
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
    assertThat(q("(?i)stra\u00dfe"))
        .as("Unicode case folds like the index")
        .isEqualTo(q("STRA\u00dfE"));
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
  void literalStartsAreRecognized() {
    assertThat(GrepPattern.literalStart("ConcurrentModification")).isTrue();
    assertThat(GrepPattern.literalStart("synchronized \\(this\\)")).isTrue();
    assertThat(GrepPattern.literalStart("abc?")).as("c is optional").isFalse();
    assertThat(GrepPattern.literalStart("abcd*")).isTrue();
    assertThat(GrepPattern.literalStart("TODO|FIXME")).isFalse();
    assertThat(GrepPattern.literalStart("(?i)todo")).isFalse();
    assertThat(GrepPattern.literalStart("[Hh]ash")).isFalse();
  }
}
