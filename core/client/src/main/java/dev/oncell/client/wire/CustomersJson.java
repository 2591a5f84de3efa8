package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /v1/customers}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomersJson(List<CellCustomerJson> customers) {}
