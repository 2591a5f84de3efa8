package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET /v1/customers/:id/index}: {@code model} is {@code null} without embeddings. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexStatusJson(
    int files, int chunks, int embedded, boolean indexing, String model) {}
