package dev.oncell.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The llm section of oncell.yaml: the documented shape, defaults, and every mistake by line. */
class ConfigTest {

  @TempDir Path tmp;

  private static LlmException invalid(String yaml) {
    LlmException e =
        catchThrowableOfType(LlmException.class, () -> LlmConfig.parse(yaml, "oncell.yaml"));
    assertThat(e).as("expected %s to be refused", yaml).isNotNull();
    assertThat(e.code()).isEqualTo(LlmException.CONFIG_INVALID);
    return e;
  }

  @Test
  void theDocumentedShapeLoads() throws Exception {
    Path file = tmp.resolve("oncell.yaml");
    Files.writeString(
        file,
        """
        # other sections belong to others
        server: { port: 8080 }
        llm:
          default: openai
          providers:
            openai:    { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: https://proxy.example/v1 }
            anthropic: { api_key: "${ANTHROPIC_API_KEY}", model: claude-sonnet-4-20250514 }
            local:     { base_url: http://127.0.0.1:11434, model: llama3 }   # Ollama
        """);
    LlmConfig config = LlmConfig.load(file);

    assertThat(config.defaultProvider()).contains("openai");
    assertThat(config.providers().keySet()).containsExactly("openai", "anthropic", "local");
    ProviderConfig openai = config.provider("openai").orElseThrow();
    assertThat(openai.kind()).isEqualTo(ProviderKind.OPENAI);
    assertThat(openai.apiKey().orElseThrow().variable()).contains("OPENAI_API_KEY");
    assertThat(openai.effectiveBaseUrl()).isEqualTo("https://proxy.example/v1");
    assertThat(openai.local()).isFalse();
    ProviderConfig anthropic = config.provider("anthropic").orElseThrow();
    assertThat(anthropic.kind()).isEqualTo(ProviderKind.ANTHROPIC);
    assertThat(anthropic.apiKey().orElseThrow().variable()).contains("ANTHROPIC_API_KEY");
    assertThat(anthropic.effectiveBaseUrl()).startsWith("https://api.anthropic.com");
    ProviderConfig local = config.provider("local").orElseThrow();
    assertThat(local.kind()).isEqualTo(ProviderKind.OLLAMA);
    assertThat(local.local()).isTrue();
    assertThat(local.apiKey()).isEmpty();

    assertThat(config.timeout()).isEqualTo(LlmConfig.DEFAULT_TIMEOUT);
    assertThat(config.maxRetries()).isEqualTo(LlmConfig.DEFAULT_MAX_RETRIES);
    assertThat(config.budgets()).isEqualTo(TokenBudgets.unlimited());
  }

  @Test
  void aMissingFileOrSectionMeansNotConfigured() {
    assertThat(LlmConfig.load(tmp.resolve("absent.yaml")).configured()).isFalse();
    assertThat(LlmConfig.parse("server: {}\n", "x").configured()).isFalse();
    assertThat(LlmConfig.parse("", "x").configured()).isFalse();
  }

  @Test
  void settingsBudgetsAndCustomProviders() {
    LlmConfig config =
        LlmConfig.parse(
            """
            llm:
              default: vllm
              timeout: 90s
              max_retries: 5
              max_retry_wait: 2m
              max_tool_rounds: 4
              output_retries: 1
              budgets: { customer: 2M, deployment: 50_000_000, period: day }
              providers:
                vllm: { type: openai-compatible, base_url: http://gpu-box:8000/v1, model: qwen2.5-coder, models: [deepseek-coder] }
                local: { base_url: http://127.0.0.1:8080/v1, model: phi3, timeout: 500ms }
            """,
            "x");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.maxRetries()).isEqualTo(5);
    assertThat(config.maxRetryWait()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.maxToolRounds()).isEqualTo(4);
    assertThat(config.outputRetries()).isEqualTo(1);
    assertThat(config.budgets())
        .isEqualTo(
            new TokenBudgets(
                Optional.of(2_000_000L), Optional.of(50_000_000L), TokenBudgets.Period.DAY));
    assertThat(config.provider("vllm").orElseThrow().kind())
        .isEqualTo(ProviderKind.OPENAI_COMPATIBLE);
    assertThat(config.provider("vllm").orElseThrow().local()).isFalse();
    assertThat(config.provider("vllm").orElseThrow().models()).containsExactly("deepseek-coder");
    ProviderConfig local = config.provider("local").orElseThrow();
    assertThat(local.kind())
        .as("a /v1 base URL is OpenAI-compatible")
        .isEqualTo(ProviderKind.OPENAI_COMPATIBLE);
    assertThat(local.timeout()).contains(Duration.ofMillis(500));
  }

  @Test
  void malformedYamlNamesTheLine() {
    LlmException e = invalid("llm:\n  default: openai\n  providers: { openai: [\n");
    assertThat(e.getMessage()).contains("oncell.yaml").contains("not valid YAML").contains("line");
  }

  @Test
  void mistakesNameTheLineAndTheFix() {
    assertThat(
            invalid(
                    """
                    llm:
                      providers:
                        openai: { api_key: $K, model: gpt-4o, modle: x }
                    """)
                .getMessage())
        .contains("line 3")
        .contains("unknown key 'modle'");
    assertThat(
            invalid(
                    """
                    llm:
                      providers:
                        mistral: { api_key: $K, model: m }
                    """)
                .getMessage())
        .contains("line 3")
        .contains("needs type");
    assertThat(
            invalid(
                    """
                    llm:
                      providers:
                        x: { type: cohere, model: m }
                    """)
                .getMessage())
        .contains("'cohere' is not a provider type");
    assertThat(
            invalid(
                    """
                    llm:
                      default: anthropic
                      providers:
                        openai: { api_key: $K, model: gpt-4o }
                    """)
                .getMessage())
        .contains("line 2")
        .contains("llm.default names provider 'anthropic'");
    assertThat(invalid("llm:\n  providers:\n    openai: { model: gpt-4o }\n").getMessage())
        .contains("needs api_key");
    assertThat(invalid("llm:\n  providers:\n    openai: { api_key: $K }\n").getMessage())
        .contains("needs model");
    assertThat(invalid("llm:\n  providers:\n    openai: { api_key: $1K, model: m }\n").getMessage())
        .contains("looks like a variable");
    assertThat(
            invalid("llm:\n  providers:\n    local: { base_url: ftp://x, model: m }\n")
                .getMessage())
        .contains("base_url must be an http");
    assertThat(
            invalid("llm:\n  timeout: soon\n  providers:\n    local: { model: m }\n").getMessage())
        .contains("line 2")
        .contains("duration");
    assertThat(invalid("llm:\n  budgets: { customer: -5 }\n").getMessage())
        .contains("positive number of tokens");
    assertThat(invalid("llm:\n  max_retries: 99\n").getMessage()).contains("0 to 10");
    assertThat(
            invalid(
                    """
                    llm:
                      providers:
                        local: { model: a }
                        openai: { api_key: $K, model: gpt-4o }
                    """)
                .getMessage())
        .contains("llm.default must name");
    assertThat(
            invalid("llm:\n  providers:\n    local: { model: a }\n    local: { model: b }\n")
                .getMessage())
        .contains("line 4")
        .contains("appears twice");
  }

  @Test
  void aWrittenOutKeyIsNeverPrinted() {
    LlmConfig config =
        LlmConfig.parse(
            "llm:\n  providers:\n    openai: { api_key: sk-literal-123, model: m }\n", "x");
    ConfigValue key = config.provider("openai").orElseThrow().apiKey().orElseThrow();
    assertThat(key.variable()).isEmpty();
    assertThat(key.toString()).doesNotContain("sk-literal");
    assertThat(config.toString()).doesNotContain("sk-literal");
    assertThat(key.resolve(VariableResolver.none(), "x")).isEqualTo("sk-literal-123");
  }
}
