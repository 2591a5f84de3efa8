package dev.oncell.git;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Where a {@link GitRelay} writes its answer: any server's response, adapted by the caller. */
@FunctionalInterface
public interface GitResponse {

  /**
   * Sends the status and headers (called once) and returns the stream for the body, which the relay
   * flushes but does not close.
   */
  OutputStream start(int status, Map<String, String> headers) throws IOException;
}
