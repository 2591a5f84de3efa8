package dev.oncell.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * A piece of context for a model, rendered into the prompt with its path (and lines when known).
 *
 * @param path relative to {@code /work}, or any name that tells the model where the text is from
 */
public record LlmDocument(
    String path, String content, Optional<Integer> startLine, Optional<Integer> endLine) {

  public LlmDocument {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(startLine, "startLine");
    Objects.requireNonNull(endLine, "endLine");
  }

  public static LlmDocument of(String path, String content) {
    return new LlmDocument(path, content, Optional.empty(), Optional.empty());
  }

  /** A search hit, with its path and lines. */
  public static LlmDocument of(SearchHit hit) {
    return new LlmDocument(
        hit.path(), hit.content(), Optional.of(hit.startLine()), Optional.of(hit.endLine()));
  }
}
