package dev.oncell.llm;

import java.util.List;
import java.util.Objects;

/** One message of a conversation with a model. */
public sealed interface Message {

  /** Instructions from the platform or the agent. */
  record System(String text) implements Message {
    public System {
      Objects.requireNonNull(text, "text");
    }
  }

  record User(String text) implements Message {
    public User {
      Objects.requireNonNull(text, "text");
    }
  }

  /** What a model said before: text, tool calls or both. */
  record Assistant(String text, List<ToolCall> toolCalls) implements Message {
    public Assistant {
      Objects.requireNonNull(text, "text");
      toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
    }
  }

  /** The result of a tool call, answering the call with {@code callId}. */
  record ToolResult(String callId, String toolName, String text) implements Message {
    public ToolResult {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(toolName, "toolName");
      Objects.requireNonNull(text, "text");
    }
  }

  static Message system(String text) {
    return new System(text);
  }

  static Message user(String text) {
    return new User(text);
  }
}
