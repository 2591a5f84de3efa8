package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code PUT /v1/customers/:id/files/<path>}: the path written and its size in bytes. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WrittenFileJson(String path, long size) {}
