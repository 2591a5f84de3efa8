package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /v1/deployments}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentsJson(List<DeploymentJson> deployments) {}
