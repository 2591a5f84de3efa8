package dev.oncell.runtime.internal.egress;

import dev.oncell.sandbox.http.BodyFraming;
import dev.oncell.sandbox.http.HttpBody;
import dev.oncell.sandbox.http.HttpHead;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An HTTP/1.x response as {@code ctx.upload} reads it, through cell-sandbox's codec ({@link
 * HttpHead}, {@link HttpBody}): its final head within {@link #HEAD_LIMIT}, and its body by its
 * framing (length, chunked, or up to the end of the connection), never more than a limit.
 *
 * @param status the status code
 * @param head the head as read
 * @param method the method of the request this answers, which decides whether a body follows
 */
record HttpMessage(int status, HttpHead head, String method) {

  static final int HEAD_LIMIT = 64 * 1024;

  /**
   * Reads the final response head to a request with {@code method}, byte by byte, so that nothing
   * after it is consumed.
   *
   * @throws IOException for a malformed head, one over {@link #HEAD_LIMIT}, or an early end
   */
  static HttpMessage read(InputStream in, String method) throws IOException {
    HttpHead head =
        HttpHead.readFinalResponse(in, HEAD_LIMIT)
            .orElseThrow(() -> new EOFException("the connection ended before a response"));
    return new HttpMessage(head.statusLine().status(), head, method);
  }

  /** The status line as it came, for an error message. */
  String statusLine() {
    return head.startLine();
  }

  /**
   * The value of a header.
   *
   * @throws IOException when it is repeated
   */
  Optional<String> header(String name) throws IOException {
    return head.single(name);
  }

  /**
   * Copies the body to {@code out}.
   *
   * @return the bytes copied
   * @throws dev.oncell.sandbox.http.BodyTooLargeException as soon as the body is known to be over
   *     {@code limit} bytes
   */
  long copyBody(InputStream in, OutputStream out, long limit) throws IOException {
    return HttpBody.copy(in, out, BodyFraming.ofResponse(head, method), limit);
  }

  /** The first bytes of the body as text, for an error message. */
  String bodySnippet(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      copyBody(in, out, 4096);
    } catch (IOException e) {
      // What was read so far is enough for a message.
    }
    return shorten(out.toString(StandardCharsets.UTF_8).strip());
  }

  static String shorten(String text) {
    String flat = text.replaceAll("[\\r\\n]+", " ");
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
  }
}
