package dev.oncell.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of an LLM call. Build with {@link #defaults()} and the {@code with...} methods.
 *
 * @param model a provider's model id ({@code gpt-4o}, {@code claude-sonnet-4-20250514}), a
 *     provider's name ({@code local}), {@code provider/model}, or empty for the server's default
 * @param temperature sampling temperature, the provider's default when empty
 * @param maxTokens cap on the answer's tokens
 * @param system instructions sent before the prompt
 * @param context documents and search hits, rendered into the prompt with their paths
 * @param tools Context primitives the model may call; each call is a journaled step
 * @param maxToolRounds how many rounds of tool calls are allowed, the server's limit when empty
 * @param stream whether the answer's text goes out as {@code llm} events while it arrives
 */
public record LlmOptions(
    Optional<String> model,
    Optional<Double> temperature,
    Optional<Integer> maxTokens,
    Optional<String> system,
    List<LlmDocument> context,
    List<LlmTool> tools,
    Optional<Integer> maxToolRounds,
    boolean stream) {

  public LlmOptions {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(maxTokens, "maxTokens");
    Objects.requireNonNull(system, "system");
    context = List.copyOf(Objects.requireNonNull(context, "context"));
    tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
    Objects.requireNonNull(maxToolRounds, "maxToolRounds");
    if (maxTokens.isPresent() && maxTokens.get() < 1) {
      throw new IllegalArgumentException("maxTokens must be positive");
    }
    if (maxToolRounds.isPresent() && maxToolRounds.get() < 1) {
      throw new IllegalArgumentException("maxToolRounds must be positive");
    }
  }

  /** Model and temperature only, as in earlier versions of this API. */
  public LlmOptions(Optional<String> model, Optional<Double> temperature) {
    this(
        model,
        temperature,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.empty(),
        false);
  }

  public static LlmOptions defaults() {
    return new LlmOptions(Optional.empty(), Optional.empty());
  }

  public LlmOptions withModel(String value) {
    return new LlmOptions(
        Optional.of(value), temperature, maxTokens, system, context, tools, maxToolRounds, stream);
  }

  public LlmOptions withTemperature(double value) {
    return new LlmOptions(
        model, Optional.of(value), maxTokens, system, context, tools, maxToolRounds, stream);
  }

  public LlmOptions withMaxTokens(int value) {
    return new LlmOptions(
        model, temperature, Optional.of(value), system, context, tools, maxToolRounds, stream);
  }

  public LlmOptions withSystem(String value) {
    return new LlmOptions(
        model, temperature, maxTokens, Optional.of(value), context, tools, maxToolRounds, stream);
  }

  /** Adds search hits to the context, each with its path and lines. */
  public LlmOptions withContext(List<SearchHit> hits) {
    List<LlmDocument> more = new ArrayList<>(context);
    hits.forEach(h -> more.add(LlmDocument.of(h)));
    return new LlmOptions(
        model, temperature, maxTokens, system, more, tools, maxToolRounds, stream);
  }

  /** Adds documents to the context. */
  public LlmOptions withDocuments(LlmDocument... documents) {
    List<LlmDocument> more = new ArrayList<>(context);
    more.addAll(List.of(documents));
    return new LlmOptions(
        model, temperature, maxTokens, system, more, tools, maxToolRounds, stream);
  }

  /** Lets the model call these Context primitives. */
  public LlmOptions withTools(LlmTool... value) {
    return new LlmOptions(
        model, temperature, maxTokens, system, context, List.of(value), maxToolRounds, stream);
  }

  public LlmOptions withMaxToolRounds(int value) {
    return new LlmOptions(
        model, temperature, maxTokens, system, context, tools, Optional.of(value), stream);
  }

  /** Sends the answer's text as {@code llm} run events while it arrives. */
  public LlmOptions streaming() {
    return new LlmOptions(
        model, temperature, maxTokens, system, context, tools, maxToolRounds, true);
  }
}
