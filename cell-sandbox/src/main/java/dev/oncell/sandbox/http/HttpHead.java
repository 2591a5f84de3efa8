package dev.oncell.sandbox.http;

import dev.oncell.sandbox.http.HttpFormatException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The head of an HTTP/1.x message: its start line and its header fields in order, as read from a
 * stream up to the empty line and no further (what follows, a body or the first bytes of a tunnel,
 * stays in the stream), or as built to be written.
 *
 * <p>Reading is strict where leniency lets two readers disagree about a message: a field line must
 * be {@code token ":" value} (no space before the colon), obsolete line folding, a bare CR and a
 * NUL are malformed, the whole head (line ends included) is bounded. A bare LF ends a line as CRLF
 * does, and empty lines before the start line are skipped (RFC 9112 section 2.2). Values lose the
 * spaces and tabs around them. Bytes map to chars one to one (ISO-8859-1), so a head read and
 * written again is unchanged.
 *
 * @param startLine the request or status line, checked by {@link #requestLine()} or {@link
 *     #statusLine()}
 * @param fields the header fields in the order they came; names keep their case
 */
public record HttpHead(String startLine, List<Field> fields) {

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** A header field; names compare without case. */
  public record Field(String name, String value) {

    /**
     * @throws IllegalArgumentException for a name that is not a token, or a value with a CR, an LF,
     *     a NUL or a char above U+00FF (which would not survive writing)
     */
    public Field {
      if (!TOKEN.matcher(name).matches()) {
        throw new IllegalArgumentException("not a header name: " + shorten(name));
      }
      if (!writable(value)) {
        throw new IllegalArgumentException("not a header value: " + shorten(value));
      }
    }

    public boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  /**
   * @throws IllegalArgumentException for a start line with a CR, an LF, a NUL or a char above
   *     U+00FF
   */
  public HttpHead {
    if (startLine.isEmpty() || !writable(startLine)) {
      throw new IllegalArgumentException("not a start line: " + shorten(startLine));
    }
    fields = List.copyOf(fields);
  }

  /** A request head {@code METHOD target HTTP/1.1} without fields. */
  public static HttpHead request(String method, String target) {
    return new HttpHead(new RequestLine(method, target, "HTTP/1.1").toString(), List.of());
  }

  /** A response head {@code HTTP/1.1 status reason} with the usual reason, without fields. */
  public static HttpHead response(int status) {
    return response(status, StatusLine.reasonPhrase(status));
  }

  /** A response head {@code HTTP/1.1 status reason} without fields. */
  public static HttpHead response(int status, String reason) {
    return new HttpHead(new StatusLine("HTTP/1.1", status, reason).toString(), List.of());
  }

  /** This head with one more field at the end. */
  public HttpHead with(String name, String value) {
    List<Field> more = new ArrayList<>(fields);
    more.add(new Field(name, value));
    return new HttpHead(startLine, more);
  }

  /**
   * Reads one head of at most {@code limit} bytes, line ends and skipped empty lines included.
   *
   * @return empty when the stream ends before its first byte (a peer that connected and left)
   * @throws HttpFormatException MALFORMED for a field line that is not {@code token: value} or that
   *     folds (starts with a space or a tab), a bare CR or a NUL; TOO_LARGE over {@code limit};
   *     TRUNCATED when the stream ends inside the head
   * @throws IOException when reading fails
   */
  public static Optional<HttpHead> read(InputStream in, int limit) throws IOException {
    LineReader lines = new LineReader(in, limit, "the head");
    String start = lines.next();
    while (start != null && start.isEmpty()) {
      start = lines.next(); // RFC 9112: ignore empty lines before the start line.
    }
    if (start == null) {
      return Optional.empty();
    }
    List<Field> fields = new ArrayList<>();
    for (String line = lines.next(); !line.isEmpty(); line = lines.next()) {
      fields.add(field(line));
    }
    return Optional.of(new HttpHead(start, fields));
  }

  /**
   * Reads response heads until a final one: informational (1xx) answers, like {@code 103 Early
   * Hints}, are skipped. Every head is checked by {@link #statusLine()}.
   *
   * @return empty when the stream ends before a head starts
   * @throws HttpFormatException as {@link #read} does, and for a malformed status line
   */
  public static Optional<HttpHead> readFinalResponse(InputStream in, int limit) throws IOException {
    while (true) {
      Optional<HttpHead> head = read(in, limit);
      if (head.isEmpty() || !head.get().statusLine().informational()) {
        return head;
      }
    }
  }

  private static Field field(String line) throws HttpFormatException {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      throw new HttpFormatException(
          Problem.MALFORMED,
          "obsolete line folding (a header line starting with a space or a tab): " + shorten(line));
    }
    int colon = line.indexOf(':');
    if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
      throw new HttpFormatException(Problem.MALFORMED, "malformed header line: " + shorten(line));
    }
    return new Field(line.substring(0, colon), trimSpaces(line.substring(colon + 1)));
  }

  /** The start line as a request line. */
  public RequestLine requestLine() throws HttpFormatException {
    return RequestLine.parse(startLine);
  }

  /** The start line as a status line. */
  public StatusLine statusLine() throws HttpFormatException {
    return StatusLine.parse(startLine);
  }

  /** The values of every field with this name, in order. */
  public List<String> values(String name) {
    return fields.stream().filter(f -> f.is(name)).map(Field::value).toList();
  }

  /**
   * The value of the only field with this name.
   *
   * @throws HttpFormatException (MALFORMED) when the field is repeated
   */
  public Optional<String> single(String name) throws HttpFormatException {
    List<String> values = values(name);
    if (values.size() > 1) {
      throw new HttpFormatException(Problem.MALFORMED, "repeated " + name + " header");
    }
    return values.stream().findFirst();
  }

  public boolean has(String name) {
    return fields.stream().anyMatch(f -> f.is(name));
  }

  /**
   * The {@code Content-Length}, if there is one.
   *
   * @throws HttpFormatException (MALFORMED) when it is repeated or not 1 to 18 digits
   */
  public OptionalLong contentLength() throws HttpFormatException {
    Optional<String> value = single("Content-Length");
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    if (!value.get().matches("[0-9]{1,18}")) {
      throw new HttpFormatException(
          Problem.MALFORMED, "invalid Content-Length: " + shorten(value.get()));
    }
    return OptionalLong.of(Long.parseLong(value.get()));
  }

  /** The comma-separated tokens of every field with this name, lower case, empty ones left out. */
  public List<String> tokens(String name) {
    return values(name).stream()
        .flatMap(v -> List.of(v.split(",")).stream())
        .map(token -> trimSpaces(token).toLowerCase(Locale.ROOT))
        .filter(token -> !token.isEmpty())
        .toList();
  }

  /** The connection options of the {@code Connection} field, lower case. */
  public List<String> connectionOptions() {
    return tokens("Connection");
  }

  /** The head as written on the wire: start line, fields, empty line, each ended by CRLF. */
  public byte[] encode() {
    StringBuilder head = new StringBuilder(startLine).append("\r\n");
    for (Field f : fields) {
      head.append(f.name()).append(": ").append(f.value()).append("\r\n");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** At most 120 chars of {@code text}, for an error message. */
  public static String shorten(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }

  private static boolean writable(String text) {
    return text.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0 || c > 0xff);
  }

  private static String trimSpaces(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
      end--;
    }
    return text.substring(start, end);
  }
}
