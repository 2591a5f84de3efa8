package dev.oncell.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JSON wire format of the oncell API, both directions, in one place. */
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

  // ---- responses

  static TokenUsage usage(JsonNode node, String subject) {
    requireObject(node, "usage");
    List<TokenUsage.ModelUsage> models = new ArrayList<>();
    for (JsonNode m : array(node, "byModel")) {
      models.add(
          new TokenUsage.ModelUsage(
              text(m, "provider"),
              text(m, "model"),
              m.path("requests").asLong(),
              m.path("inputTokens").asLong(),
              m.path("outputTokens").asLong()));
    }
    String since = text(node, "since");
    java.time.LocalDate day;
    try {
      day = java.time.LocalDate.parse(since);
    } catch (DateTimeParseException e) {
      throw new MalformedException("field 'since' is not a date: " + since);
    }
    return new TokenUsage(
        text(node, subject),
        text(node, "period"),
        day,
        node.path("requests").asLong(),
        node.path("inputTokens").asLong(),
        node.path("outputTokens").asLong(),
        node.path("totalTokens").asLong(),
        node.hasNonNull("budget") ? Optional.of(node.get("budget").asLong()) : Optional.empty(),
        node.hasNonNull("remaining")
            ? Optional.of(node.get("remaining").asLong())
            : Optional.empty(),
        models);
  }

  static Health health(JsonNode node) {
    return new Health(text(node, "status"), node);
  }

  static Customer customer(JsonNode node) {
    requireObject(node, "customer");
    JsonNode config = node.path("config");
    Instant createdAt = instant(node, "createdAt");
    return new Customer(
        text(node, "id"),
        text(node, "state"),
        optionalText(node, "agent"),
        optionalText(node, "env").orElse(Customer.DEFAULT_ENV),
        config.isMissingNode() || config.isNull() ? NODES.objectNode() : config,
        optionalText(node, "setupRunId"),
        apiError(node, "error"),
        createdAt,
        node.hasNonNull("lastActiveAt") ? instant(node, "lastActiveAt") : createdAt,
        node.hasNonNull("backend") ? Optional.of(cellStatus(node)) : Optional.empty());
  }

  private static CellStatus cellStatus(JsonNode node) {
    JsonNode limits = node.path("limits");
    JsonNode disk = node.path("diskUsage");
    return new CellStatus(
        text(node, "backend"),
        new CellStatus.Limits(
            limits.path("cpus").asDouble(),
            limits.path("memoryBytes").asLong(),
            limits.path("maxProcesses").asInt(),
            limits.path("diskBytes").asLong()),
        Duration.ofSeconds(node.path("idleTimeoutSeconds").asLong()),
        disk.isObject()
            ? Optional.of(
                new CellStatus.DiskUsage(
                    disk.path("bytes").asLong(),
                    disk.path("files").asLong(),
                    instant(disk, "measuredAt")))
            : Optional.empty());
  }

  static List<Customer> customers(JsonNode node) {
    List<Customer> out = new ArrayList<>();
    for (JsonNode item : array(node, "customers")) {
      out.add(customer(item));
    }
    return out;
  }

  static ShellResponse shellResponse(JsonNode node) {
    requireObject(node, "shell response");
    int exitCode = node.path("exitCode").asInt();
    boolean timedOut = node.path("timedOut").asBoolean(false);
    return new ShellResponse(
        node.path("stdout").asText(""),
        node.path("stderr").asText(""),
        exitCode,
        node.path("failed").asBoolean(exitCode != 0 || timedOut),
        timedOut,
        Duration.ofMillis(node.path("durationMs").asLong(0)),
        node.path("truncated").asBoolean(false));
  }

  static DirectoryListing listing(JsonNode node) {
    List<FileEntry> entries = new ArrayList<>();
    for (JsonNode item : array(node, "entries")) {
      entries.add(
          new FileEntry(
              text(item, "name"),
              FileEntry.Type.fromWireName(item.path("type").asText("other")),
              item.path("size").asLong(0)));
    }
    return new DirectoryListing(node.path("path").asText(""), entries);
  }

  static WrittenFile writtenFile(JsonNode node) {
    return new WrittenFile(text(node, "path"), node.path("size").asLong(0));
  }

  static JsonNode memoryValue(JsonNode node) {
    requireObject(node, "memory entry");
    if (!node.has("value")) {
      throw new MalformedException("missing field 'value'");
    }
    return node.get("value");
  }

  static List<String> memoryKeys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    for (JsonNode item : array(node, "keys")) {
      keys.add(item.asText());
    }
    return keys;
  }

  /** The exception for an error body of the form {@code {"error": {"code", "message"}}}. */
  static Optional<OncellApiException> error(int status, byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (node == null || !node.path("error").isObject()) {
      return Optional.empty();
    }
    JsonNode error = node.get("error");
    String code = error.path("code").asText("");
    String message = error.path("message").asText("");
    return Optional.of(
        new OncellApiException(
            status,
            code.isEmpty() ? "http_" + status : code,
            message.isEmpty() ? "HTTP " + status : message));
  }

  // ---- requests

  static ObjectNode createCustomer(CreateCustomer request) {
    ObjectNode node = NODES.objectNode().put("id", request.id());
    request.config().ifPresent(value -> node.set("config", value));
    request.agent().ifPresent(value -> node.put("agent", value));
    request.env().ifPresent(value -> node.put("env", value));
    return node;
  }

  static ObjectNode shellRequest(ShellRequest request) {
    ObjectNode node = NODES.objectNode().put("command", request.command());
    request.timeout().ifPresent(t -> node.put("timeoutMs", t.toMillis()));
    request.stdin().ifPresent(s -> node.put("stdin", s));
    if (!request.env().isEmpty()) {
      ObjectNode env = node.putObject("env");
      request.env().forEach(env::put);
    }
    request.cwd().ifPresent(c -> node.put("cwd", c));
    return node;
  }

  // ---- records back to the wire format (for printing)

  static ObjectNode toJson(Customer customer) {
    ObjectNode node = NODES.objectNode();
    node.put("id", customer.id());
    node.put("state", customer.state());
    customer.agent().ifPresentOrElse(a -> node.put("agent", a), () -> node.putNull("agent"));
    node.put("env", customer.env());
    node.set("config", customer.config().deepCopy());
    customer
        .setupRunId()
        .ifPresentOrElse(r -> node.put("setupRunId", r), () -> node.putNull("setupRunId"));
    node.set("error", customer.error().<JsonNode>map(ApiError::toJson).orElse(NODES.nullNode()));
    node.put("createdAt", customer.createdAt().toString());
    node.put("lastActiveAt", customer.lastActiveAt().toString());
    customer.cell().ifPresent(cell -> putCell(node, cell));
    return node;
  }

  private static void putCell(ObjectNode node, CellStatus cell) {
    node.put("backend", cell.backend());
    node.putObject("limits")
        .put("cpus", cell.limits().cpus())
        .put("memoryBytes", cell.limits().memoryBytes())
        .put("maxProcesses", cell.limits().maxProcesses())
        .put("diskBytes", cell.limits().diskBytes());
    node.put("idleTimeoutSeconds", cell.idleTimeout().toSeconds());
    cell.diskUsage()
        .ifPresentOrElse(
            d ->
                node.putObject("diskUsage")
                    .put("bytes", d.bytes())
                    .put("files", d.files())
                    .put("measuredAt", d.measuredAt().toString()),
            () -> node.putNull("diskUsage"));
  }

  static ObjectNode toJson(ShellResponse response) {
    return NODES
        .objectNode()
        .put("stdout", response.stdout())
        .put("stderr", response.stderr())
        .put("exitCode", response.exitCode())
        .put("failed", response.failed())
        .put("timedOut", response.timedOut())
        .put("durationMs", response.duration().toMillis())
        .put("truncated", response.truncated());
  }

  static ObjectNode toJson(DirectoryListing listing) {
    ObjectNode node = NODES.objectNode().put("path", listing.path());
    ArrayNode entries = node.putArray("entries");
    for (FileEntry entry : listing.entries()) {
      entries
          .addObject()
          .put("name", entry.name())
          .put("type", entry.type().wireName())
          .put("size", entry.size());
    }
    return node;
  }

  static ObjectNode toJson(WrittenFile file) {
    return NODES.objectNode().put("path", file.path()).put("size", file.size());
  }

  // ---- field helpers

  static void requireObject(JsonNode node, String what) {
    if (!node.isObject()) {
      throw new MalformedException("expected a JSON object for " + what);
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new MalformedException("missing text field '" + field + "'");
    }
    return value.asText();
  }

  static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  static Instant instant(JsonNode node, String field) {
    try {
      return Instant.parse(text(node, field));
    } catch (DateTimeParseException e) {
      throw new MalformedException("field '" + field + "' is not an ISO-8601 instant");
    }
  }

  /** An {@code {"code", "message"}} object; empty when the field is absent or null. */
  static Optional<ApiError> apiError(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw new MalformedException("field '" + field + "' is not an error object");
    }
    return Optional.of(new ApiError(text(value, "code"), value.path("message").asText("")));
  }

  static JsonNode array(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isArray()) {
      throw new MalformedException("missing array field '" + field + "'");
    }
    return value;
  }
}
