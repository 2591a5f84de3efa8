package dev.oncell.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Schemas of records and the check of a model's answer against them. */
class StructuredOutputTest {

  enum Risk {
    LOW,
    HIGH
  }

  record Step(String command, Optional<String> why) {}

  record Plan(
      String title, List<Step> steps, int estimate, Risk risk, Map<String, Double> weights) {}

  private static final ObjectNode PLAN = StructuredOutput.schemaOf(Plan.class);

  @Test
  void theSchemaOfARecord() {
    assertThat(PLAN.path("type").asText()).isEqualTo("object");
    assertThat(PLAN.path("required").toString())
        .isEqualTo("[\"title\",\"steps\",\"estimate\",\"risk\",\"weights\"]");
    JsonNode step = PLAN.path("properties").path("steps").path("items");
    assertThat(step.path("properties").path("command").path("type").asText()).isEqualTo("string");
    assertThat(step.path("required").toString())
        .as("Optional is not required")
        .isEqualTo("[\"command\"]");
    assertThat(PLAN.path("properties").path("estimate").path("type").asText()).isEqualTo("integer");
    assertThat(PLAN.path("properties").path("risk").path("enum").toString())
        .isEqualTo("[\"LOW\",\"HIGH\"]");
    assertThat(
            PLAN.path("properties")
                .path("weights")
                .path("additionalProperties")
                .path("type")
                .asText())
        .isEqualTo("number");
    assertThat(StructuredOutput.instructions(PLAN)).contains("JSON").contains("\"steps\"");
  }

  @Test
  void aGoodAnswerIsFoundInFencesOrProseAndCleaned() {
    String answer =
        """
        Here is the plan:
        ```json
        {"title":"t","steps":[{"command":"make","extra":1}],"estimate":2.0,"risk":"LOW","weights":{"a":0.5},"chatter":"x"}
        ```
        """;
    StructuredOutput.Checked checked = StructuredOutput.check(answer, PLAN);
    assertThat(checked).isInstanceOf(StructuredOutput.Valid.class);
    JsonNode value = ((StructuredOutput.Valid) checked).value();
    assertThat(value.has("chatter")).as("unknown fields are dropped").isFalse();
    assertThat(value.path("steps").get(0).has("extra")).isFalse();
  }

  @Test
  void aMalformedAnswerSaysWhatIsWrong() {
    assertThat(StructuredOutput.check("I think you should run make.", PLAN))
        .isEqualTo(new StructuredOutput.Invalid("it holds no JSON value (expected an object)"));
    assertThat(StructuredOutput.check("{\"title\": ", PLAN))
        .isInstanceOfSatisfying(
            StructuredOutput.Invalid.class,
            i -> assertThat(i.problems()).contains("not valid JSON"));
    StructuredOutput.Checked wrong =
        StructuredOutput.check(
            "{\"title\":3,\"steps\":[{\"why\":\"x\"}],\"estimate\":\"two\",\"risk\":\"MEDIUM\",\"weights\":{}}",
            PLAN);
    assertThat(wrong)
        .isInstanceOfSatisfying(
            StructuredOutput.Invalid.class,
            i ->
                assertThat(i.problems())
                    .contains("$.title must be a string")
                    .contains("$.steps[0] is missing required field 'command'")
                    .contains("$.estimate must be a whole number")
                    .contains("$.risk must be one of [\"LOW\",\"HIGH\"]"));
    assertThat(StructuredOutput.correction("x is wrong")).contains("x is wrong").contains("JSON");
  }
}
