package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code PUT /v1/customers/:id/files/<path>}: the path written, its size in bytes and its version
 * (the ETag's value, which a later conditional write sends back in {@code If-Match}); {@code
 * version} is null from servers that predate versions.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WrittenFileJson(String path, long size, String version) {}
