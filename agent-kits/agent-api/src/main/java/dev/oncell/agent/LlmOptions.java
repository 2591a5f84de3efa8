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
    return toBuilder().model(Optional.of(value)).build();
  }

  public LlmOptions withTemperature(double value) {
    return toBuilder().temperature(Optional.of(value)).build();
  }

  public LlmOptions withMaxTokens(int value) {
    return toBuilder().maxTokens(Optional.of(value)).build();
  }

  public LlmOptions withSystem(String value) {
    return toBuilder().system(Optional.of(value)).build();
  }

  /** Adds search hits to the context, each with its path and lines. */
  public LlmOptions withContext(List<SearchHit> hits) {
    List<LlmDocument> more = new ArrayList<>(context);
    hits.forEach(h -> more.add(LlmDocument.of(h)));
    return toBuilder().context(more).build();
  }

  /** Adds documents to the context. */
  public LlmOptions withDocuments(LlmDocument... documents) {
    List<LlmDocument> more = new ArrayList<>(context);
    more.addAll(List.of(documents));
    return toBuilder().context(more).build();
  }

  /** Lets the model call these Context primitives. */
  public LlmOptions withTools(LlmTool... value) {
    return toBuilder().tools(List.of(value)).build();
  }

  public LlmOptions withMaxToolRounds(int value) {
    return toBuilder().maxToolRounds(Optional.of(value)).build();
  }

  /** Sends the answer's text as {@code llm} run events while it arrives. */
  public LlmOptions streaming() {
    return toBuilder().stream(true).build();
  }

  /** A builder that starts from these values, for changing several at once. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes values; {@link #build} checks them as the constructor does. */
  public static final class Builder {
    private Optional<String> model;
    private Optional<Double> temperature;
    private Optional<Integer> maxTokens;
    private Optional<String> system;
    private List<LlmDocument> context;
    private List<LlmTool> tools;
    private Optional<Integer> maxToolRounds;
    private boolean stream;

    private Builder(LlmOptions from) {
      this.model = from.model();
      this.temperature = from.temperature();
      this.maxTokens = from.maxTokens();
      this.system = from.system();
      this.context = from.context();
      this.tools = from.tools();
      this.maxToolRounds = from.maxToolRounds();
      this.stream = from.stream();
    }

    public Builder model(Optional<String> value) {
      this.model = value;
      return this;
    }

    public Builder temperature(Optional<Double> value) {
      this.temperature = value;
      return this;
    }

    public Builder maxTokens(Optional<Integer> value) {
      this.maxTokens = value;
      return this;
    }

    public Builder system(Optional<String> value) {
      this.system = value;
      return this;
    }

    public Builder context(List<LlmDocument> value) {
      this.context = value;
      return this;
    }

    public Builder tools(List<LlmTool> value) {
      this.tools = value;
      return this;
    }

    public Builder maxToolRounds(Optional<Integer> value) {
      this.maxToolRounds = value;
      return this;
    }

    public Builder stream(boolean value) {
      this.stream = value;
      return this;
    }

    public LlmOptions build() {
      return new LlmOptions(
          model, temperature, maxTokens, system, context, tools, maxToolRounds, stream);
    }
  }
}
