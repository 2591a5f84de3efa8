package dev.oncell.runtime.internal.llm;

import dev.oncell.agent.LlmDocument;
import dev.oncell.agent.LlmTool;
import java.util.List;
import java.util.Optional;

/** How a call's prompt, context and instructions are written for the model. */
public final class Prompts {

  private Prompts() {}

  /** The user message: the context documents, each with its path and lines, then the prompt. */
  static String user(String prompt, List<LlmDocument> context) {
    if (context.isEmpty()) {
      return prompt;
    }
    StringBuilder out = new StringBuilder("Context from the repository:\n\n");
    for (LlmDocument d : context) {
      out.append(document(d.path(), d.content(), d.startLine(), d.endLine())).append("\n\n");
    }
    return out.append(prompt).toString();
  }

  static String document(
      String path, String content, Optional<Integer> startLine, Optional<Integer> endLine) {
    String lines =
        startLine.isPresent() && endLine.isPresent()
            ? " lines=\"" + startLine.get() + "-" + endLine.get() + "\""
            : "";
    String body = content.endsWith("\n") ? content : content + "\n";
    return "<document path=\""
        + path.replace("\"", "'")
        + "\""
        + lines
        + ">\n"
        + body
        + "</document>";
  }

  /** The system message, if any: the agent's own instructions, tool hints, the JSON schema. */
  static Optional<String> system(
      Optional<String> agent, List<LlmTool> tools, Optional<String> structured) {
    StringBuilder out = new StringBuilder();
    agent.ifPresent(a -> out.append(a.strip()));
    if (!tools.isEmpty()) {
      if (!out.isEmpty()) {
        out.append("\n\n");
      }
      out.append(
          "You work in a repository mounted at /work. Call the tools to look at it or change it;"
              + " each call's result comes back to you.");
    }
    structured.ifPresent(
        s -> {
          if (!out.isEmpty()) {
            out.append("\n\n");
          }
          out.append(s);
        });
    return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
  }
}
