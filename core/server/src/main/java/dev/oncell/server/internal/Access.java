package dev.oncell.server.internal;

import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.Principal;
import io.helidon.webserver.http.ServerRequest;

/**
 * Checks a customer named in a body or a record (not in the path) against the caller's key, and
 * operator-only calls. The {@link AuthFilter} registered the caller in the request's context.
 */
final class Access {

  private Access() {}

  static void check(ServerRequest req, String customer) {
    if (!principal(req).mayAccess(customer)) {
      throw new ApiException(
          ErrorKind.FORBIDDEN, "forbidden", "this key does not reach customer '" + customer + "'");
    }
  }

  /** For what only an operator may do, also where the auth filter already refused others. */
  static void requireOperator(ServerRequest req) {
    if (!principal(req).isOperator()) {
      throw new ApiException(ErrorKind.FORBIDDEN, "forbidden", "this needs an operator key");
    }
  }

  private static Principal principal(ServerRequest req) {
    return req.context()
        .get(Principal.class)
        .orElseThrow(() -> new ApiException(ErrorKind.UNAUTHORIZED, "unauthorized", "no API key"));
  }
}
