package dev.oncell.llm;

import dev.oncell.llm.internal.ConfigReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code llm} section of {@code oncell.yaml}:
 *
 * <pre>{@code
 * llm:
 *   default: openai
 *   providers:
 *     openai:    { api_key: $OPENAI_API_KEY, model: gpt-4o }
 *     anthropic: { api_key: $ANTHROPIC_API_KEY, model: claude-sonnet-4-20250514 }
 *     local:     { base_url: http://127.0.0.1:11434, model: llama3 }
 * }</pre>
 *
 * @param defaultProvider the provider of a call that names no model
 * @param providers by name, in the file's order
 * @param timeout how long one request may take, streaming included
 * @param maxRetries retries of a request answered 429 or 5xx, or refused a connection
 * @param maxRetryWait the longest pause before a retry; a {@code Retry-After} beyond it fails the
 *     call at once
 * @param maxToolRounds how many times a model may call tools in one {@code llm} call
 * @param outputRetries how many times a malformed structured answer is sent back to be fixed
 * @param budgets token budgets per customer and per deployment
 */
public record LlmConfig(
    Optional<String> defaultProvider,
    Map<String, ProviderConfig> providers,
    Duration timeout,
    int maxRetries,
    Duration maxRetryWait,
    int maxToolRounds,
    int outputRetries,
    TokenBudgets budgets) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_TOOL_ROUNDS = 10;
  public static final int DEFAULT_OUTPUT_RETRIES = 2;

  public LlmConfig {
    Objects.requireNonNull(defaultProvider, "defaultProvider");
    providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(maxRetryWait, "maxRetryWait");
    Objects.requireNonNull(budgets, "budgets");
  }

  /** No {@code llm} section: every call fails with {@code llm_not_configured}. */
  public static LlmConfig none() {
    return new LlmConfig(
        Optional.empty(),
        Map.of(),
        DEFAULT_TIMEOUT,
        DEFAULT_MAX_RETRIES,
        DEFAULT_MAX_RETRY_WAIT,
        DEFAULT_MAX_TOOL_ROUNDS,
        DEFAULT_OUTPUT_RETRIES,
        TokenBudgets.unlimited());
  }

  /**
   * Reads the {@code llm} section of a YAML file; other top-level sections are left to their
   * owners. A missing file is {@link #none()}.
   *
   * @throws LlmException {@code llm_config_invalid}, naming the file and the line
   */
  public static LlmConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return none();
    } catch (IOException e) {
      throw LlmException.terminal(
          LlmException.CONFIG_INVALID, file + ": cannot read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** {@link #load} from text; {@code source} names it in errors. */
  public static LlmConfig parse(String yaml, String source) {
    return ConfigReader.read(yaml, source);
  }

  public boolean configured() {
    return !providers.isEmpty();
  }

  public Optional<ProviderConfig> provider(String name) {
    return Optional.ofNullable(providers.get(name));
  }

  /** A copy with other budgets. */
  public LlmConfig withBudgets(TokenBudgets value) {
    return new LlmConfig(
        defaultProvider,
        providers,
        timeout,
        maxRetries,
        maxRetryWait,
        maxToolRounds,
        outputRetries,
        value);
  }
}
