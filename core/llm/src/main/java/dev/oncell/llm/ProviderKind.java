package dev.oncell.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The wire protocol a provider speaks, named in {@code oncell.yaml} as {@code type}. */
public enum ProviderKind {
  /** OpenAI's chat completions API. */
  OPENAI("openai", "https://api.openai.com/v1"),
  /** Anthropic's Messages API. */
  ANTHROPIC("anthropic", "https://api.anthropic.com/v1/"),
  /** Ollama's {@code /api/chat}. */
  OLLAMA("ollama", "http://127.0.0.1:11434"),
  /** Any server with OpenAI's chat completions API (vLLM, llama.cpp, LM Studio, ...). */
  OPENAI_COMPATIBLE("openai-compatible", "http://127.0.0.1:8000/v1");

  private final String wire;
  private final String defaultBaseUrl;

  ProviderKind(String wire, String defaultBaseUrl) {
    this.wire = wire;
    this.defaultBaseUrl = defaultBaseUrl;
  }

  /** The name used in {@code oncell.yaml}. */
  public String wire() {
    return wire;
  }

  public String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /** Whether an API key is required to use it. */
  public boolean needsApiKey() {
    return this == OPENAI || this == ANTHROPIC;
  }

  public static Optional<ProviderKind> byWire(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.wire.equals(wanted)).findFirst();
  }
}
