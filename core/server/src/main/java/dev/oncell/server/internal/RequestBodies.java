package dev.oncell.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.Set;

/** Reads request bodies under the configured size limit, and parses JSON strictly. */
final class RequestBodies {

  private final long maxBytes;

  RequestBodies(long maxBytes) {
    this.maxBytes = maxBytes;
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
    try (InputStream in = req.content().inputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge(-1);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  private ApiException tooLarge(long size) {
    return new ApiException(
        413,
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
    try {
      JsonNode node = Responses.JSON.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest("malformed_json", "the request needs a JSON body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
