package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code POST /v1/customers/:id/index}: what one index run did, and the index after it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexReportJson(
    int files, int unchanged, int removed, int skipped, int chunks, IndexStatusJson status) {}
