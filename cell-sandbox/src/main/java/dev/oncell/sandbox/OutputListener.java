package dev.oncell.sandbox;

/**
 * Receives a command's output line by line while it runs, for streaming progress. Only the bytes
 * kept under the output cap are passed on. Called from the sandbox's reader threads; a listener
 * that throws loses that line, never the command's output.
 */
@FunctionalInterface
public interface OutputListener {

  enum Stream {
    STDOUT,
    STDERR
  }

  OutputListener NONE = (stream, line) -> {};

  /** One line without its line break; a last line without a break comes when the stream ends. */
  void line(Stream stream, String line);
}
