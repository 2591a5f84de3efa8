package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /v1/customers/:id/memory}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemoryKeysJson(List<String> keys) {}
