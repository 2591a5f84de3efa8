package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.GitCredentialsJson;
import dev.oncell.client.wire.SetGitCredentialJson;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.Host;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;

/**
 * {@code PUT|GET /v1/customers/:id/git/credentials} and {@code DELETE
 * /v1/customers/:id/git/credentials/:host}: the credentials the host uses for a customer's git
 * remotes and forges. Operator keys only (the auth filter refuses customer keys, and each handler
 * checks again): a customer's own cell must never be able to read, replace or point its credential
 * elsewhere. A token goes in and never comes out.
 */
final class GitCredentialHandlers {

  private static final Set<String> FIELDS = RequestBodies.fields(SetGitCredentialJson.class);

  private final Host host;
  private final RequestBodies bodies;

  GitCredentialHandlers(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void put(ServerRequest req, ServerResponse res) {
    Access.requireOperator(req);
    String customer = req.path().pathParameters().get("id");
    ObjectNode body = bodies.object(req, FIELDS);
    // Missing host or token: the runtime's own codes (invalid_git_host, invalid_git_token).
    String gitHost = RequestBodies.optionalText(body, "host").orElse("");
    String token = RequestBodies.optionalText(body, "token").orElse("");
    Responses.json(
        res,
        200,
        Wire.gitCredential(
            host.gitCredentials()
                .set(customer, gitHost, RequestBodies.optionalText(body, "username"), token)));
  }

  void list(ServerRequest req, ServerResponse res) {
    Access.requireOperator(req);
    String customer = req.path().pathParameters().get("id");
    Responses.json(
        res,
        200,
        new GitCredentialsJson(
            host.gitCredentials().list(customer).stream().map(Wire::gitCredential).toList()));
  }

  void delete(ServerRequest req, ServerResponse res) {
    Access.requireOperator(req);
    String customer = req.path().pathParameters().get("id");
    String gitHost = req.path().pathParameters().get("host");
    if (!host.gitCredentials().delete(customer, gitHost)) {
      throw CellException.notFound(
          "git_credential_not_found",
          "customer '" + customer + "' has no git credential for " + gitHost);
    }
    Responses.noContent(res);
  }
}
