package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.ErrorKind;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads request bodies under the configured size limit and time limit, and parses JSON strictly
 * ({@link StrictJson}).
 */
final class RequestBodies {

  private final long maxBytes;
  private final ConnectionGuard guard;

  RequestBodies(long maxBytes, ConnectionGuard guard) {
    this.maxBytes = maxBytes;
    this.guard = guard;
  }

  /** These rules with a limit of at most {@code max} bytes, for a route that needs less. */
  RequestBodies limitedTo(long max) {
    return new RequestBodies(Math.min(maxBytes, max), guard);
  }

  ConnectionGuard connections() {
    return guard;
  }

  /**
   * The whole body, refused with 413 past the limit: by its declared length before reading a byte,
   * or while reading one sent without a length.
   */
  byte[] read(ServerRequest req) {
    OptionalLong declared = req.headers().contentLength();
    if (declared.isPresent() && declared.getAsLong() > maxBytes) {
      throw tooLarge(declared.getAsLong());
    }
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    SocketAddress remote = req.remotePeer().address();
    guard.bodyStarted(remote);
    try (InputStream in = req.content().inputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge(-1);
      }
      return bytes;
    } catch (RequestException | NumberFormatException e) {
      // Helidon's framing errors, such as a malformed chunk size.
      throw ApiException.badRequest(
          "malformed_body", "the request body is malformed: " + e.getMessage());
    } catch (IOException
        | UncheckedIOException
        | DataReader.InsufficientDataAvailableException
        | CloseConnectionException e) {
      throw clientGone(remote, "while it sent the request body");
    } finally {
      guard.bodyDone(remote);
    }
  }

  /**
   * The client went away, or the guard closed its connection for taking too long: nothing more can
   * be read from it, and no answer reaches it.
   */
  ApiException clientGone(SocketAddress remote, String when) {
    boolean timedOut = guard.find(remote).map(ConnectionGuard.Connection::timedOut).orElse(false);
    return timedOut
        ? ApiException.clientGone(
            ErrorKind.REQUEST_TIMEOUT,
            "request_timeout",
            "the connection from " + remote + " timed out " + when)
        : ApiException.clientGone(
            ErrorKind.INVALID, "client_gone", "the client at " + remote + " went away " + when);
  }

  private ApiException tooLarge(long size) {
    return new ApiException(
        ErrorKind.TOO_LARGE,
        "body_too_large",
        "request body "
            + (size >= 0 ? "of " + size + " bytes " : "")
            + "exceeds the limit of "
            + maxBytes
            + " bytes");
  }

  /** Any JSON value. */
  JsonNode json(ServerRequest req) {
    byte[] bytes = read(req);
    if (bytes.length == 0) {
      throw ApiException.badRequest("malformed_json", "the request needs a JSON body");
    }
    return StrictJson.parse(bytes);
  }

  /**
   * The fields of a request record of {@code dev.oncell.client.wire}, in order: what {@link
   * #object} allows for the body the client writes with that record.
   */
  static Set<String> fields(Class<? extends Record> request) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (java.lang.reflect.RecordComponent c : request.getRecordComponents()) {
      names.add(c.getName());
    }
    return java.util.Collections.unmodifiableSet(names);
  }

  /** A JSON object whose fields are all in {@code allowed}, so a typo is an error, not a no-op. */
  ObjectNode object(ServerRequest req, Set<String> allowed) {
    JsonNode node = json(req);
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badRequest("invalid_request", "the body must be a JSON object");
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiException.badRequest(
            "invalid_request", "unknown field '" + name + "'; allowed: " + allowed);
      }
    }
    return object;
  }

  static java.util.Optional<String> optionalText(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return java.util.Optional.empty();
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest("invalid_request", "field '" + field + "' must be a string");
    }
    return java.util.Optional.of(value.asText());
  }

  static String requiredText(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw ApiException.badRequest("invalid_request", "field '" + field + "' is required");
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest("invalid_request", "field '" + field + "' must be a string");
    }
    return value.asText();
  }
}
