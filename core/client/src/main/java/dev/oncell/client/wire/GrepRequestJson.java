package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Request of {@code POST /v1/customers/:id/grep}; {@code glob} is left out when {@code null}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GrepRequestJson(
    String regex, int limit, @JsonInclude(JsonInclude.Include.NON_NULL) String glob) {}
