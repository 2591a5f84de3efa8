package dev.oncell.agent;

import java.util.Objects;

/**
 * A structured answer of {@link Context#llmAnswer}: the value made from the model's JSON, and the
 * response it came from (its model, and the tokens of every round, corrections included), so an
 * agent can account for what a structured call cost.
 *
 * @param value the answer, checked against its type
 * @param response the model's last answer (its text is the JSON) with the usage of all rounds
 */
public record LlmAnswer<T>(T value, LlmResponse response) {

  public LlmAnswer {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(response, "response");
  }
}
