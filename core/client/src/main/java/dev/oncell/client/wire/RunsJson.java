package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /v1/runs?customer=<id>}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunsJson(List<RunJson> runs) {}
