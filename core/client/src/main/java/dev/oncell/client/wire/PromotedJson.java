package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code POST /v1/deployments/promote}: the deployments now active in the target environment. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromotedJson(List<DeploymentJson> promoted) {}
