package dev.oncell.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.CreateCustomerJson;
import dev.oncell.client.wire.ErrorDetail;
import dev.oncell.client.wire.ErrorJson;
import dev.oncell.client.wire.HealthJson;
import dev.oncell.client.wire.ListingJson;
import dev.oncell.client.wire.MemoryEntryJson;
import dev.oncell.client.wire.MemoryKeysJson;
import dev.oncell.client.wire.ShellRequestJson;
import dev.oncell.client.wire.ShellResultJson;
import dev.oncell.client.wire.UsageJson;
import dev.oncell.client.wire.WrittenFileJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON wire format of the oncell API: responses are read as the records of {@code
 * dev.oncell.client.wire} (which the server writes) and turned into this package's records;
 * requests are built here.
 */
final class WireFormat {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A response body that does not have the expected shape. */
  static final class MalformedException extends RuntimeException {
    MalformedException(String message) {
      super(message);
    }
  }

  private WireFormat() {}

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JsonNode", e);
    }
  }

  // ---- responses: each read as its record of dev.oncell.client.wire, then made a client record

  /** {@code node} mapped to the wire record {@code type}; a mismatch is a malformed response. */
  static <T> T read(JsonNode node, Class<T> type) {
    try {
      T value = MAPPER.treeToValue(node, type);
      if (value == null) {
        throw new MalformedException("expected a JSON object, not " + node.getNodeType());
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new MalformedException(e.getOriginalMessage());
    }
  }

  /** A field the client cannot do without. */
  static <T> T required(T value, String field) {
    if (value == null) {
      throw new MalformedException("missing field '" + field + "'");
    }
    return value;
  }

  static TokenUsage usage(JsonNode node, String subject) {
    requireObject(node, "usage");
    UsageJson u = read(node, UsageJson.class);
    List<TokenUsage.ModelUsage> models = new ArrayList<>();
    for (UsageJson.ModelUsage m : required(u.byModel(), "byModel")) {
      models.add(
          new TokenUsage.ModelUsage(
              required(m.provider(), "provider"),
              required(m.model(), "model"),
              m.requests(),
              m.inputTokens(),
              m.outputTokens()));
    }
    String since = required(u.since(), "since");
    java.time.LocalDate day;
    try {
      day = java.time.LocalDate.parse(since);
    } catch (DateTimeParseException e) {
      throw new MalformedException("field 'since' is not a date: " + since);
    }
    return new TokenUsage(
        required(subject.equals("customer") ? u.customer() : u.deployment(), subject),
        required(u.period(), "period"),
        day,
        u.requests(),
        u.inputTokens(),
        u.outputTokens(),
        u.totalTokens(),
        Optional.ofNullable(u.budget()),
        Optional.ofNullable(u.remaining()),
        models);
  }

  static Health health(JsonNode node) {
    requireObject(node, "health");
    return new Health(required(read(node, HealthJson.class).status(), "status"), node);
  }

  static ShellResponse shellResponse(JsonNode node) {
    requireObject(node, "shell response");
    ShellResultJson r = read(node, ShellResultJson.class);
    return new ShellResponse(
        r.stdout() == null ? "" : r.stdout(),
        r.stderr() == null ? "" : r.stderr(),
        r.exitCode(),
        r.failed() != null ? r.failed() : r.exitCode() != 0 || r.timedOut(),
        r.timedOut(),
        Duration.ofMillis(r.durationMs()),
        r.truncated());
  }

  /** One page of a listing, as sent. */
  static ListingJson listingPage(JsonNode node) {
    requireObject(node, "listing");
    ListingJson page = read(node, ListingJson.class);
    for (ListingJson.Entry entry : required(page.entries(), "entries")) {
      required(required(entry, "entries[]").name(), "name");
    }
    return page;
  }

  /** A page checked by {@link #listingPage}. */
  static DirectoryListing listing(ListingJson page) {
    List<FileEntry> entries = new ArrayList<>();
    for (ListingJson.Entry item : page.entries()) {
      entries.add(
          new FileEntry(
              item.name(),
              FileEntry.Type.fromWireName(item.type() == null ? "other" : item.type()),
              item.size()));
    }
    return new DirectoryListing(page.path() == null ? "" : page.path(), entries);
  }

  static WrittenFile writtenFile(JsonNode node) {
    requireObject(node, "written file");
    WrittenFileJson f = read(node, WrittenFileJson.class);
    return new WrittenFile(required(f.path(), "path"), f.size(), Optional.ofNullable(f.version()));
  }

  static JsonNode memoryValue(JsonNode node) {
    requireObject(node, "memory entry");
    return required(read(node, MemoryEntryJson.class).value(), "value");
  }

  static List<String> memoryKeys(JsonNode node) {
    requireObject(node, "memory keys");
    List<String> keys = new ArrayList<>();
    for (String key : required(read(node, MemoryKeysJson.class).keys(), "keys")) {
      keys.add(required(key, "keys[]"));
    }
    return keys;
  }

  /** The exception for an error body of the form {@code {"error": {"code", "message"}}}. */
  static Optional<OncellApiException> error(int status, byte[] body) {
    ErrorDetail error;
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.path("error").isObject()) {
        return Optional.empty();
      }
      error = MAPPER.treeToValue(node, ErrorJson.class).error();
    } catch (IOException e) {
      return Optional.empty();
    }
    String code = error.code() == null ? "" : error.code();
    String message = error.message() == null ? "" : error.message();
    return Optional.of(
        new OncellApiException(
            status,
            code.isEmpty() ? "http_" + status : code,
            message.isEmpty() ? "HTTP " + status : message));
  }

  // ---- requests

  static ObjectNode createCustomer(CreateCustomer request) {
    return MAPPER.valueToTree(
        new CreateCustomerJson(
            request.id(),
            request.config().orElse(null),
            request.agent().orElse(null),
            request.env().orElse(null)));
  }

  static ObjectNode shellRequest(ShellRequest request) {
    return MAPPER.valueToTree(
        new ShellRequestJson(
            request.command(),
            request.timeout().map(Duration::toMillis).orElse(null),
            request.stdin().orElse(null),
            request.env().isEmpty() ? null : new java.util.LinkedHashMap<>(request.env()),
            request.cwd().orElse(null)));
  }

  // ---- records back to the wire format (for printing)

  static ObjectNode toJson(ShellResponse response) {
    return MAPPER.valueToTree(
        new ShellResultJson(
            response.stdout(),
            response.stderr(),
            response.exitCode(),
            response.failed(),
            response.timedOut(),
            response.duration().toMillis(),
            response.truncated()));
  }

  static ObjectNode toJson(DirectoryListing listing) {
    ObjectNode node = NODES.objectNode().put("path", listing.path());
    ArrayNode entries = node.putArray("entries");
    for (FileEntry entry : listing.entries()) {
      entries.add(
          MAPPER.<JsonNode>valueToTree(
              new ListingJson.Entry(entry.name(), entry.type().wireName(), entry.size())));
    }
    return node;
  }

  static ObjectNode toJson(WrittenFile file) {
    return MAPPER.valueToTree(
        new WrittenFileJson(file.path(), file.size(), file.version().orElse(null)));
  }

  static ErrorDetail errorDetail(ApiError error) {
    return ErrorDetail.of(error.code(), error.message());
  }

  // ---- field helpers

  static void requireObject(JsonNode node, String what) {
    if (!node.isObject()) {
      throw new MalformedException("expected a JSON object for " + what);
    }
  }

  /** An ISO-8601 instant the client cannot do without. */
  static Instant instant(String value, String field) {
    try {
      return Instant.parse(required(value, field));
    } catch (DateTimeParseException e) {
      throw new MalformedException("field '" + field + "' is not an ISO-8601 instant");
    }
  }

  /** An optional ISO-8601 instant: empty when absent or {@code null}. */
  static Optional<Instant> optionalInstant(String value, String field) {
    return value == null ? Optional.empty() : Optional.of(instant(value, field));
  }

  /** An {@code {"code", "message"}} object; empty when the field is absent or null. */
  static Optional<ApiError> apiError(ErrorDetail error) {
    if (error == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ApiError(
            required(error.code(), "code"), error.message() == null ? "" : error.message()));
  }

  /** A field's JSON value; empty when it is absent or JSON {@code null}. */
  static Optional<JsonNode> present(JsonNode value) {
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }
}
