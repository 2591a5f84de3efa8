package dev.oncell.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which provider and model a call's model option picks. In memory: nothing is sent. */
class RoutingTest {

  private static final LlmConfig ALL =
      LlmConfig.parse(
          """
          llm:
            default: openai
            providers:
              openai:    { api_key: $OPENAI_API_KEY, model: gpt-4o }
              anthropic: { api_key: $ANTHROPIC_API_KEY, model: claude-sonnet-4-20250514 }
              local:     { base_url: http://127.0.0.1:11434, model: llama3, models: [qwen2.5-coder] }
          """,
          "test.yaml");

  private static Route route(LlmConfig config, String model) {
    try (LlmRouter router = LlmRouter.create(config, VariableResolver.none())) {
      return router.route(Optional.ofNullable(model));
    }
  }

  private static LlmException refused(LlmConfig config, String model) {
    return catchThrowableOfType(LlmException.class, () -> route(config, model));
  }

  @Test
  void byModelName() {
    assertThat(route(ALL, null))
        .isEqualTo(new Route("openai", ProviderKind.OPENAI, "gpt-4o", false));
    assertThat(route(ALL, "gpt-4o-mini").provider()).isEqualTo("openai");
    assertThat(route(ALL, "gpt-4o-mini").model()).isEqualTo("gpt-4o-mini");
    assertThat(route(ALL, "o3-mini").provider()).isEqualTo("openai");
    assertThat(route(ALL, "claude-3-5-haiku-latest"))
        .isEqualTo(
            new Route("anthropic", ProviderKind.ANTHROPIC, "claude-3-5-haiku-latest", false));
    assertThat(route(ALL, "local"))
        .isEqualTo(new Route("local", ProviderKind.OLLAMA, "llama3", true));
    assertThat(route(ALL, "anthropic").model()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(route(ALL, "qwen2.5-coder").provider()).as("listed under models").isEqualTo("local");
    assertThat(route(ALL, "llama3").provider()).as("a provider's own model").isEqualTo("local");
    assertThat(route(ALL, "local/mistral"))
        .isEqualTo(new Route("local", ProviderKind.OLLAMA, "mistral", true));
    assertThat(route(ALL, "openai/my-finetune").model()).isEqualTo("my-finetune");
  }

  @Test
  void unknownModelsAndProvidersAreClearErrors() {
    LlmException model = refused(ALL, "mystery-7b");
    assertThat(model.code()).isEqualTo(LlmException.UNKNOWN_MODEL);
    assertThat(model.getMessage()).contains("mystery-7b").contains("openai, anthropic, local");

    LlmConfig openaiOnly =
        LlmConfig.parse("llm:\n  providers:\n    openai: { api_key: $K, model: gpt-4o }\n", "x");
    LlmException claude = refused(openaiOnly, "claude-sonnet-4-20250514");
    assertThat(claude.code()).isEqualTo(LlmException.UNKNOWN_PROVIDER);
    assertThat(claude.getMessage()).contains("anthropic");
    assertThat(refused(openaiOnly, "local").code()).isEqualTo(LlmException.UNKNOWN_PROVIDER);
    assertThat(refused(openaiOnly, "local/llama3").code()).isEqualTo(LlmException.UNKNOWN_PROVIDER);
  }

  @Test
  void withoutProvidersEveryCallSaysHowToConfigure() {
    LlmException e = refused(LlmConfig.none(), null);
    assertThat(e.code()).isEqualTo(LlmException.NOT_CONFIGURED);
    assertThat(e.getMessage()).contains("oncell.yaml");
  }
}
