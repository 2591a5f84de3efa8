package dev.oncell.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;

/** {@link CustomerSearch} over {@code /v1/customers/{id}/index|search|grep}. */
final class HttpCustomerSearch implements CustomerSearch {

  /** Indexing a large repository the first time takes minutes, not the default request time. */
  private static final Duration INDEX_TIMEOUT = Duration.ofMinutes(30);

  private final Transport transport;
  private final String customerId;
  private final String base;

  HttpCustomerSearch(Transport transport, String customerId) {
    this.transport = transport;
    this.customerId = Objects.requireNonNull(customerId, "customerId");
    this.base = HttpOncellClient.customerPath(customerId);
  }

  @Override
  public String customerId() {
    return customerId;
  }

  @Override
  public IndexSummary index(String path) {
    return index(SearchWireFormat.indexRequest(path, null));
  }

  @Override
  public IndexSummary index(String path, String glob) {
    return index(
        SearchWireFormat.indexRequest(path, java.util.Objects.requireNonNull(glob, "glob")));
  }

  private IndexSummary index(ObjectNode body) {
    Duration timeout =
        INDEX_TIMEOUT.compareTo(transport.requestTimeout()) > 0
            ? INDEX_TIMEOUT
            : transport.requestTimeout();
    return transport
        .sendJson("POST", base + "/index", body, timeout)
        .json(SearchWireFormat::indexSummary);
  }

  @Override
  public IndexState status() {
    return transport.get(base + "/index").json(SearchWireFormat::indexState);
  }

  @Override
  public SearchResults search(SearchRequest request) {
    return transport
        .sendJson(
            "POST",
            base + "/search",
            SearchWireFormat.searchRequest(request),
            transport.requestTimeout())
        .json(SearchWireFormat::searchResults);
  }

  @Override
  public java.util.List<CodeSymbol> symbols(String path) {
    Objects.requireNonNull(path, "path");
    return transport
        .get(
            base
                + "/symbols?path="
                + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"))
        .json(SearchWireFormat::symbols);
  }

  @Override
  public GrepResults grep(GrepRequest request) {
    return transport
        .sendJson(
            "POST",
            base + "/grep",
            SearchWireFormat.grepRequest(request),
            transport.requestTimeout())
        .json(SearchWireFormat::grepResults);
  }
}
