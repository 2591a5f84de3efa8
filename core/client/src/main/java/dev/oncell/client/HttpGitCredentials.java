package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.client.wire.GitCredentialJson;
import dev.oncell.client.wire.GitCredentialsJson;
import dev.oncell.client.wire.SetGitCredentialJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link GitCredentials} over {@code /v1/customers/:id/git/credentials}. */
final class HttpGitCredentials implements GitCredentials {

  private final Transport transport;

  HttpGitCredentials(Transport transport) {
    this.transport = transport;
  }

  private static String path(String customer) {
    return "/v1/customers/" + PathSegments.segment("customer id", customer) + "/git/credentials";
  }

  @Override
  public GitCredentialInfo set(
      String customer, String host, Optional<String> username, String token) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(token, "token");
    return transport
        .sendJson(
            "PUT",
            path(customer),
            WireFormat.MAPPER.valueToTree(
                new SetGitCredentialJson(host, username.orElse(null), token)),
            transport.requestTimeout())
        .json(HttpGitCredentials::credential);
  }

  @Override
  public List<GitCredentialInfo> list(String customer) {
    return transport
        .get(path(customer))
        .json(
            node -> {
              WireFormat.requireObject(node, "git credentials");
              List<GitCredentialInfo> out = new ArrayList<>();
              for (GitCredentialJson c :
                  WireFormat.required(
                      WireFormat.read(node, GitCredentialsJson.class).credentials(),
                      "credentials")) {
                out.add(credential(WireFormat.required(c, "credentials[]")));
              }
              return out;
            });
  }

  @Override
  public void delete(String customer, String host) {
    transport.delete(path(customer) + "/" + PathSegments.segment("host", host));
  }

  static GitCredentialInfo credential(JsonNode node) {
    WireFormat.requireObject(node, "git credential");
    return credential(WireFormat.read(node, GitCredentialJson.class));
  }

  private static GitCredentialInfo credential(GitCredentialJson c) {
    return new GitCredentialInfo(
        WireFormat.required(c.customer(), "customer"),
        WireFormat.required(c.host(), "host"),
        Optional.ofNullable(c.username()),
        WireFormat.required(c.hint(), "hint"),
        WireFormat.instant(c.createdAt(), "createdAt"),
        WireFormat.instant(c.updatedAt(), "updatedAt"));
  }
}
