package dev.oncell.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** The {@link OncellClient} behind {@link OncellClient#builder()}: JDK HttpClient + Jackson. */
final class HttpOncellClient implements OncellClient {

  /** Extra time a shell request waits beyond the command's own timeout. */
  private static final Duration SHELL_MARGIN = Duration.ofSeconds(30);

  private final URI baseUrl;
  private final Transport transport;
  private final Customers customers;
  private final Deployments deployments;
  private final Agents agents;
  private final Runs runs;

  HttpOncellClient(URI baseUrl, String apiKey, Duration requestTimeout) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.transport = new Transport(baseUrl, apiKey, requestTimeout);
    this.customers = new HttpCustomers(transport);
    this.deployments = new HttpDeployments(transport);
    this.agents = new HttpAgents(transport);
    this.runs = new HttpRuns(transport);
  }

  /** {@code /v1/customers/{id}}, the id encoded as one segment. */
  static String customerPath(String customerId) {
    return "/v1/customers/" + PathSegments.segment("customer id", customerId);
  }

  @Override
  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public Health health() {
    return transport.get("/health").json(WireFormat::health);
  }

  @Override
  public Customers customers() {
    return customers;
  }

  @Override
  public ShellResponse shell(String customerId, ShellRequest request) {
    Objects.requireNonNull(request, "request");
    String path = customerPath(customerId) + "/shell";
    Duration timeout =
        request
            .timeout()
            .map(t -> t.plus(SHELL_MARGIN))
            .filter(t -> t.compareTo(transport.requestTimeout()) > 0)
            .orElse(transport.requestTimeout());
    return transport
        .sendJson("POST", path, WireFormat.shellRequest(request), timeout)
        .json(WireFormat::shellResponse);
  }

  @Override
  public CustomerFiles files(String customerId) {
    return new HttpCustomerFiles(transport, customerId);
  }

  @Override
  public CustomerMemory memory(String customerId) {
    return new HttpCustomerMemory(transport, customerId);
  }

  @Override
  public CustomerSearch search(String customerId) {
    return new HttpCustomerSearch(transport, customerId);
  }

  @Override
  public Deployments deployments() {
    return deployments;
  }

  @Override
  public Agents agents() {
    return agents;
  }

  @Override
  public Runs runs() {
    return runs;
  }

  @Override
  public Secrets secrets() {
    return new HttpSecrets(transport);
  }

  @Override
  public GitCredentials gitCredentials() {
    return new HttpGitCredentials(transport);
  }

  @Override
  public Webhooks webhooks() {
    return new HttpWebhooks(transport);
  }

  @Override
  public Keys keys() {
    return new HttpKeys(transport);
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "OncellClient[" + baseUrl + "]";
  }
}
