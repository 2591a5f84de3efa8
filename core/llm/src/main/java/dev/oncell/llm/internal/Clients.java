package dev.oncell.llm.internal;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.oncell.llm.ProviderConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * LangChain4j's models, one per provider, API key and mode, made on first use and made again when
 * the key changes (an operator replaced the secret). LangChain4j retries nothing: the router does.
 */
final class Clients {

  /** Anthropic requires a cap on the answer; this one applies when a call sets none. */
  static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

  private record Key(String provider, String apiKeyHash, boolean streaming) {}

  private final Supplier<HttpClientBuilder> http;
  private final Map<Key, Object> models = new ConcurrentHashMap<>();

  Clients(Supplier<HttpClientBuilder> http) {
    this.http = http;
  }

  ChatModel chat(ProviderConfig p, String apiKey, Duration timeout) {
    return (ChatModel)
        models.computeIfAbsent(
            new Key(p.name(), Redactor.fingerprint(apiKey), false),
            k -> buildChat(p, apiKey, timeout));
  }

  StreamingChatModel streaming(ProviderConfig p, String apiKey, Duration timeout) {
    return (StreamingChatModel)
        models.computeIfAbsent(
            new Key(p.name(), Redactor.fingerprint(apiKey), true),
            k -> buildStreaming(p, apiKey, timeout));
  }

  /** Forgets the models of a provider whose key is no longer {@code apiKey}. */
  void retain(ProviderConfig p, String apiKey) {
    String current = Redactor.fingerprint(apiKey);
    models.keySet().removeIf(k -> k.provider().equals(p.name()) && !k.apiKeyHash().equals(current));
  }

  private Object buildChat(ProviderConfig p, String apiKey, Duration timeout) {
    String url = p.effectiveBaseUrl();
    return switch (p.kind()) {
      case OPENAI, OPENAI_COMPATIBLE ->
          OpenAiChatModel.builder()
              .httpClientBuilder(http.get())
              .baseUrl(url)
              .apiKey(apiKey)
              .modelName(p.model())
              .timeout(timeout)
              .maxRetries(0)
              .logRequests(false)
              .logResponses(false)
              .build();
      case ANTHROPIC ->
          AnthropicChatModel.builder()
              .httpClientBuilder(http.get())
              .baseUrl(url)
              .apiKey(apiKey)
              .modelName(p.model())
              .maxTokens(ANTHROPIC_DEFAULT_MAX_TOKENS)
              .timeout(timeout)
              .maxRetries(0)
              .logRequests(false)
              .logResponses(false)
              .build();
      case OLLAMA ->
          OllamaChatModel.builder()
              .maxRetries(0)
              .httpClientBuilder(http.get())
              .baseUrl(url)
              .modelName(p.model())
              .timeout(timeout)
              .logRequests(false)
              .logResponses(false)
              .build();
    };
  }

  private Object buildStreaming(ProviderConfig p, String apiKey, Duration timeout) {
    String url = p.effectiveBaseUrl();
    return switch (p.kind()) {
      case OPENAI, OPENAI_COMPATIBLE ->
          OpenAiStreamingChatModel.builder()
              .httpClientBuilder(http.get())
              .baseUrl(url)
              .apiKey(apiKey)
              .modelName(p.model())
              .timeout(timeout)
              .logRequests(false)
              .logResponses(false)
              .build();
      case ANTHROPIC ->
          AnthropicStreamingChatModel.builder()
              .httpClientBuilder(http.get())
              .baseUrl(url)
              .apiKey(apiKey)
              .modelName(p.model())
              .maxTokens(ANTHROPIC_DEFAULT_MAX_TOKENS)
              .timeout(timeout)
              .logRequests(false)
              .logResponses(false)
              .build();
      case OLLAMA ->
          OllamaStreamingChatModel.builder()
              .httpClientBuilder(http.get())
              .baseUrl(url)
              .modelName(p.model())
              .timeout(timeout)
              .logRequests(false)
              .logResponses(false)
              .build();
    };
  }
}
