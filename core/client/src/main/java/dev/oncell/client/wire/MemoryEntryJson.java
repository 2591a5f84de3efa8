package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET|PUT /v1/customers/:id/memory/<key>}: a key and its JSON value. Read, {@code value} is
 * a JSON {@code null} node for a stored {@code null}, and {@code null} when the field is missing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemoryEntryJson(String key, JsonNode value) {}
