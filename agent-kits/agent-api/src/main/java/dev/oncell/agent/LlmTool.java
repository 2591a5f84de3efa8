package dev.oncell.agent;

/**
 * A Context primitive a model may call during {@link Context#llm}: the platform runs each call in
 * the cell, as one journaled step, and sends the result back to the model.
 */
public enum LlmTool {
  /** {@code shell(command)}: runs a command in the cell's sandbox (cwd {@code /work}). */
  SHELL,
  /** {@code search(query, topK)}: the best chunks of the cell's index. */
  SEARCH,
  /** {@code grep(regex, glob)}: matching lines of the indexed files. */
  GREP,
  /** {@code read_file(path)}: a file under {@code /work}. */
  READ_FILE,
  /** {@code write_file(path, content)}: writes a file under {@code /work}. */
  WRITE_FILE,
  /** {@code list_files(path)}: the entries of a folder under {@code /work}. */
  LIST_FILES
}
