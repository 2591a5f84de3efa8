package dev.oncell.llm.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Providers' real answers, built for a {@link StandIn}: OpenAI chat completions (plain, streamed,
 * tool calls, errors), Anthropic Messages and Ollama's {@code /api/chat}.
 */
public final class Wire {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {}

  /** A tool call as a test scripts it: arguments as JSON text. */
  public record Call(String id, String name, String arguments) {}

  // --- OpenAI chat completions ---

  public static StandIn.Reply openAiText(String model, String text, int in, int out) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
    return StandIn.Reply.json(openAiCompletion(model, message, "stop", in, out));
  }

  public static StandIn.Reply openAiToolCalls(String model, int in, int out, Call... calls) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    ArrayNode array = message.putArray("tool_calls");
    for (Call c : calls) {
      ObjectNode call = array.addObject().put("id", c.id()).put("type", "function");
      call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
    }
    return StandIn.Reply.json(openAiCompletion(model, message, "tool_calls", in, out));
  }

  private static String openAiCompletion(
      String model, ObjectNode message, String finish, int in, int out) {
    ObjectNode root =
        JSON.createObjectNode()
            .put("id", "chatcmpl-1")
            .put("object", "chat.completion")
            .put("created", 1_700_000_000)
            .put("model", model);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", finish);
    root.putObject("usage")
        .put("prompt_tokens", in)
        .put("completion_tokens", out)
        .put("total_tokens", in + out);
    return write(root);
  }

  /** A streamed completion: one chunk per delta, then the finish, the usage and {@code [DONE]}. */
  public static StandIn.Reply openAiStream(String model, List<String> deltas, int in, int out) {
    List<String> events = new ArrayList<>();
    events.add(
        openAiChunk(
            model, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
    for (String d : deltas) {
      events.add(openAiChunk(model, JSON.createObjectNode().put("content", d), null));
    }
    events.add(openAiChunk(model, JSON.createObjectNode(), "stop"));
    events.add(openAiUsageChunk(model, in, out));
    events.add("[DONE]");
    return StandIn.Reply.sse(events);
  }

  /** A streamed tool call: the name first, then the arguments in two pieces. */
  public static StandIn.Reply openAiStreamToolCall(String model, Call call, int in, int out) {
    List<String> events = new ArrayList<>();
    int half = call.arguments().length() / 2;
    ObjectNode first = JSON.createObjectNode().put("role", "assistant");
    first.putNull("content");
    ObjectNode tc =
        first
            .putArray("tool_calls")
            .addObject()
            .put("index", 0)
            .put("id", call.id())
            .put("type", "function");
    tc.putObject("function").put("name", call.name()).put("arguments", "");
    events.add(openAiChunk(model, first, null));
    for (String piece :
        List.of(call.arguments().substring(0, half), call.arguments().substring(half))) {
      ObjectNode delta = JSON.createObjectNode();
      delta
          .putArray("tool_calls")
          .addObject()
          .put("index", 0)
          .putObject("function")
          .put("arguments", piece);
      events.add(openAiChunk(model, delta, null));
    }
    events.add(openAiChunk(model, JSON.createObjectNode(), "tool_calls"));
    events.add(openAiUsageChunk(model, in, out));
    events.add("[DONE]");
    return StandIn.Reply.sse(events);
  }

  private static String openAiChunk(String model, ObjectNode delta, String finish) {
    ObjectNode root =
        JSON.createObjectNode()
            .put("id", "chatcmpl-1")
            .put("object", "chat.completion.chunk")
            .put("created", 1_700_000_000)
            .put("model", model);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return write(root);
  }

  private static String openAiUsageChunk(String model, int in, int out) {
    ObjectNode root =
        JSON.createObjectNode()
            .put("id", "chatcmpl-1")
            .put("object", "chat.completion.chunk")
            .put("created", 1_700_000_000)
            .put("model", model);
    root.putArray("choices");
    root.putObject("usage")
        .put("prompt_tokens", in)
        .put("completion_tokens", out)
        .put("total_tokens", in + out);
    return write(root);
  }

  public static StandIn.Reply openAiError(int status, String message, String type, String code) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error").put("message", message).put("type", type);
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return StandIn.Reply.json(status, write(root));
  }

  // --- Anthropic Messages ---

  public static StandIn.Reply anthropicText(String model, String text, int in, int out) {
    ObjectNode root = anthropicMessage(model, "end_turn", in, out);
    root.withArray("content").addObject().put("type", "text").put("text", text);
    return StandIn.Reply.json(write(root));
  }

  public static StandIn.Reply anthropicToolUse(String model, int in, int out, Call call) {
    ObjectNode root = anthropicMessage(model, "tool_use", in, out);
    ObjectNode use =
        root.withArray("content")
            .addObject()
            .put("type", "tool_use")
            .put("id", call.id())
            .put("name", call.name());
    use.set("input", read(call.arguments()));
    return StandIn.Reply.json(write(root));
  }

  private static ObjectNode anthropicMessage(String model, String stop, int in, int out) {
    ObjectNode root =
        JSON.createObjectNode()
            .put("id", "msg_1")
            .put("type", "message")
            .put("role", "assistant")
            .put("model", model);
    root.putArray("content");
    root.put("stop_reason", stop);
    root.putNull("stop_sequence");
    root.putObject("usage").put("input_tokens", in).put("output_tokens", out);
    return root;
  }

  public static StandIn.Reply anthropicStream(String model, List<String> deltas, int in, int out) {
    List<String> events = new ArrayList<>();
    ObjectNode start = JSON.createObjectNode().put("type", "message_start");
    ObjectNode message = anthropicMessage(model, null, in, 1);
    message.putNull("stop_reason");
    start.set("message", message);
    events.add("event: message_start\ndata: " + write(start));
    ObjectNode blockStart =
        JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    events.add("event: content_block_start\ndata: " + write(blockStart));
    for (String d : deltas) {
      ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
      delta.putObject("delta").put("type", "text_delta").put("text", d);
      events.add("event: content_block_delta\ndata: " + write(delta));
    }
    events.add("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}");
    ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
    end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
    end.putObject("usage").put("output_tokens", out);
    events.add("event: message_delta\ndata: " + write(end));
    events.add("event: message_stop\ndata: {\"type\":\"message_stop\"}");
    return StandIn.Reply.sse(events);
  }

  public static StandIn.Reply anthropicError(int status, String type, String message) {
    ObjectNode root = JSON.createObjectNode().put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    return StandIn.Reply.json(status, write(root));
  }

  // --- Ollama /api/chat ---

  public static StandIn.Reply ollamaText(String model, String text, int in, int out) {
    return StandIn.Reply.json(write(ollamaMessage(model, text, true, in, out)));
  }

  public static StandIn.Reply ollamaToolCall(String model, int in, int out, Call call) {
    ObjectNode root = ollamaMessage(model, "", true, in, out);
    ObjectNode fn = root.with("message").putArray("tool_calls").addObject().putObject("function");
    fn.put("name", call.name());
    fn.set("arguments", read(call.arguments()));
    return StandIn.Reply.json(write(root));
  }

  public static StandIn.Reply ollamaStream(String model, List<String> deltas, int in, int out) {
    List<String> lines = new ArrayList<>();
    for (String d : deltas) {
      lines.add(write(ollamaMessage(model, d, false, 0, 0)));
    }
    lines.add(write(ollamaMessage(model, "", true, in, out)));
    return StandIn.Reply.ndjson(lines);
  }

  private static ObjectNode ollamaMessage(
      String model, String text, boolean done, int in, int out) {
    ObjectNode root =
        JSON.createObjectNode().put("model", model).put("created_at", "2026-11-27T10:00:00Z");
    root.putObject("message").put("role", "assistant").put("content", text);
    root.put("done", done);
    if (done) {
      root.put("done_reason", "stop");
      root.put("prompt_eval_count", in);
      root.put("eval_count", out);
    }
    return root;
  }

  public static StandIn.Reply ollamaError(int status, String message) {
    return StandIn.Reply.json(status, write(JSON.createObjectNode().put("error", message)));
  }

  private static com.fasterxml.jackson.databind.JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Object node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
