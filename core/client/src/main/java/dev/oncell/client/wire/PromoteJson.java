package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Request of {@code POST /v1/deployments/promote}; {@code agent} is left out when {@code null}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromoteJson(
    String from, String to, @JsonInclude(JsonInclude.Include.NON_NULL) String agent) {}
