package dev.oncell.plugins.security.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule files: the shipped ones load; a broken one is a clear error naming the rule. */
class RuleLoaderTest {

  private static Rules parse(String json) {
    return RuleLoader.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  @Test
  void theShippedRulesLoadWithACweAndASeverityForEverySink() {
    for (String language : List.of("java", "python", "javascript", "go")) {
      Rules rules = RuleLoader.shipped(language);
      assertThat(rules.sinks()).as(language).isNotEmpty();
      assertThat(rules.sinks()).allSatisfy(s -> assertThat(s.cwe()).as(s.id()).startsWith("CWE-"));
    }
  }

  @Test
  void aRuleIsAddedWithoutCode() {
    Rules rules =
        parse(
            """
            {"sources": [{"call": "userInput"}],
             "sinks": [{"id": "my-sink", "category": "sql", "cwe": "CWE-89", "call": "runQuery"}]}
            """);
    assertThat(rules.sinks()).extracting(Rules.Sink::id).containsExactly("my-sink");
    assertThat(rules.sources().getFirst().labels()).isEqualTo(rules.labelBits().get("sql"));
  }

  @Test
  void anInvalidRegularExpressionNamesTheRule() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"sinks\": [{\"id\": \"bad-one\", \"category\": \"sql\", \"call\": \"(\"}]}"))
        .isInstanceOf(CodeRuleException.class)
        .hasMessageContaining("test.json")
        .hasMessageContaining("bad-one")
        .hasMessageContaining("invalid regular expression");
  }

  @Test
  void brokenRuleFilesAreClearErrors() {
    assertThatThrownBy(() -> parse("{not json"))
        .isInstanceOf(CodeRuleException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse("[]")).hasMessageContaining("must hold a JSON object");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"sinks\": [{\"id\": \"s\", \"category\": \"sql\", \"call\": \"a\", \"severity\": \"dire\"}]}"))
        .hasMessageContaining("unknown severity dire");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"sinks\": [{\"id\": \"s\", \"category\": \"sql\", \"call\": \"a\", \"assign\": \"b\"}]}"))
        .hasMessageContaining("exactly one of call, assign, returnIn");
    assertThatThrownBy(() -> parse("{\"sinks\": [{\"id\": \"s\", \"call\": \"a\"}]}"))
        .hasMessageContaining("needs \"category\"");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"sinks\": [{\"id\": \"s\", \"category\": \"sql\", \"call\": \"a\"},"
                        + " {\"id\": \"s\", \"category\": \"sql\", \"call\": \"b\"}]}"))
        .hasMessageContaining("two sinks have the id s");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"sources\": [{\"call\": \"x\", \"labels\": [\"nope\"]}],"
                        + " \"sinks\": [{\"id\": \"s\", \"category\": \"sql\", \"call\": \"a\"}]}"))
        .hasMessageContaining("names label nope, which no sink uses");
    assertThatThrownBy(() -> parse("{\"sources\": [{\"call\": \"x\", \"member\": \"y\"}]}"))
        .hasMessageContaining("exactly one of call, member, param");
  }
}
