package dev.oncell.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.oncell.llm.LlmReply;
import dev.oncell.llm.LlmRequest;
import dev.oncell.llm.Message;
import dev.oncell.llm.ProviderKind;
import dev.oncell.llm.Route;
import dev.oncell.llm.TokenUsage;
import dev.oncell.llm.ToolCall;
import dev.oncell.llm.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Between this module's values and LangChain4j's. */
final class Conversions {

  private Conversions() {}

  static ChatRequest request(Route route, LlmRequest request) {
    ChatRequest.Builder builder =
        ChatRequest.builder()
            .messages(request.messages().stream().map(Conversions::message).toList())
            .modelName(route.model());
    request.temperature().ifPresent(builder::temperature);
    request.maxTokens().ifPresent(builder::maxOutputTokens);
    if (!request.tools().isEmpty()) {
      builder.toolSpecifications(request.tools().stream().map(Conversions::tool).toList());
    }
    // Anthropic has no JSON mode: there the prompt alone asks for JSON.
    if (request.json() && route.kind() != ProviderKind.ANTHROPIC) {
      builder.responseFormat(ResponseFormat.JSON);
    }
    return builder.build();
  }

  static ChatMessage message(Message message) {
    return switch (message) {
      case Message.System s -> SystemMessage.from(s.text());
      case Message.User u -> UserMessage.from(u.text());
      case Message.Assistant a -> {
        List<ToolExecutionRequest> calls =
            a.toolCalls().stream()
                .map(
                    c ->
                        ToolExecutionRequest.builder()
                            .id(c.id())
                            .name(c.name())
                            .arguments(c.arguments())
                            .build())
                .toList();
        if (calls.isEmpty()) {
          yield AiMessage.from(a.text());
        }
        yield a.text().isEmpty() ? AiMessage.from(calls) : AiMessage.from(a.text(), calls);
      }
      case Message.ToolResult r ->
          ToolExecutionResultMessage.from(r.callId(), r.toolName(), r.text());
    };
  }

  static ToolSpecification tool(ToolSpec spec) {
    JsonSchemaElement params = schema(spec.parameters());
    JsonObjectSchema object =
        params instanceof JsonObjectSchema o ? o : JsonObjectSchema.builder().build();
    return ToolSpecification.builder()
        .name(spec.name())
        .description(spec.description())
        .parameters(object)
        .build();
  }

  /** A JSON schema (the subset tools and structured answers use) as LangChain4j's elements. */
  static JsonSchemaElement schema(JsonNode node) {
    String description =
        node.path("description").isTextual() ? node.get("description").asText() : null;
    if (node.has("enum") && node.get("enum").isArray()) {
      List<String> values = new ArrayList<>();
      node.get("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    String type = type(node);
    return switch (type) {
      case "object" -> {
        Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
        node.path("properties")
            .properties()
            .forEach(e -> properties.put(e.getKey(), schema(e.getValue())));
        List<String> required = new ArrayList<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        yield JsonObjectSchema.builder()
            .description(description)
            .addProperties(properties)
            .required(required)
            .build();
      }
      case "array" ->
          JsonArraySchema.builder()
              .description(description)
              .items(
                  node.has("items")
                      ? schema(node.get("items"))
                      : JsonStringSchema.builder().build())
              .build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      default -> JsonStringSchema.builder().description(description).build();
    };
  }

  private static String type(JsonNode node) {
    JsonNode type = node.path("type");
    if (type.isTextual()) {
      return type.asText();
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asText().equals("null")) {
          return t.asText();
        }
      }
    }
    return node.has("properties") ? "object" : "string";
  }

  static LlmReply reply(Route route, ChatResponse response) {
    AiMessage ai = response.aiMessage();
    List<ToolCall> calls = new ArrayList<>();
    if (ai != null && ai.hasToolExecutionRequests()) {
      int i = 0;
      for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
        i++;
        String id = r.id() == null || r.id().isBlank() ? "call_" + i : r.id();
        calls.add(new ToolCall(id, r.name(), r.arguments() == null ? "{}" : r.arguments()));
      }
    }
    dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
    TokenUsage tokens =
        usage == null
            ? TokenUsage.NONE
            : new TokenUsage(count(usage.inputTokenCount()), count(usage.outputTokenCount()));
    String model =
        response.modelName() == null || response.modelName().isBlank()
            ? route.model()
            : response.modelName();
    String finish =
        response.finishReason() == null
            ? "unknown"
            : switch (response.finishReason()) {
              case STOP -> "stop";
              case LENGTH -> "length";
              case TOOL_EXECUTION -> "tool_calls";
              case CONTENT_FILTER -> "content_filter";
              default -> response.finishReason().name().toLowerCase(Locale.ROOT);
            };
    String text = ai == null || ai.text() == null ? "" : ai.text();
    return new LlmReply(text, calls, tokens, model, route.provider(), finish);
  }

  private static long count(Integer value) {
    return value == null ? 0 : Math.max(0, value);
  }
}
