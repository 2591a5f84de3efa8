package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Request of {@code POST /v1/customers/:id/index}; {@code glob} is left out when {@code null}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexRequestJson(
    String path, @JsonInclude(JsonInclude.Include.NON_NULL) String glob) {}
