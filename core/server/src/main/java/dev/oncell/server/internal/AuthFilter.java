package dev.oncell.server.internal;

import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.ApiKeys;
import dev.oncell.runtime.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bearer keys on every route but {@code /health}. Operator keys reach everything; a customer token
 * reaches only its own cell's sub-resources and its own record, never the customer list nor another
 * cell, and no path with a dot segment (an encoded {@code ..} that routing would see decoded). Keys
 * ({@code /v1/keys}), a customer's git credentials ({@code /v1/customers/:id/git/credentials}) and
 * its webhook settings are managed with operator keys only. A revoked or expired key is a 401. A
 * forge's webhook delivery ({@code POST /v1/webhooks/:forge}) carries no key: its signature is
 * checked by the handler.
 */
final class AuthFilter implements Filter {

  private static final Pattern CUSTOMER_PATH = Pattern.compile("^/v1/customers/([^/]+)(/.*)?$");
  private static final Pattern RUN_PATHS = Pattern.compile("^/v1/(agents|runs)(/.*)?$");
  private static final Pattern DOT_SEGMENT = Pattern.compile("/\\.{1,2}(/|$)");
  private static final Pattern OPERATOR_ONLY =
      Pattern.compile("^/+git/+credentials(/|$)", Pattern.CASE_INSENSITIVE);
  private static final String BEARER = "Bearer ";
  private static final String BASIC = "Basic ";

  /** Git's smart HTTP: git sends the key as the password of HTTP Basic authentication. */
  private static final Pattern GIT_PATH =
      Pattern.compile("^/v1/customers/[^/]+/git/(info/refs|git-upload-pack|git-receive-pack)$");

  /** A forge's delivery: signed with a customer's webhook secret instead of an API key. */
  private static final Pattern WEBHOOK_DELIVERY =
      Pattern.compile("^/v1/webhooks/[A-Za-z0-9_-]{1,40}$");

  private final ApiKeys keys;

  AuthFilter(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String path = req.path().path();
    if (path.equals("/health")
        || (req.prologue().method() == Method.POST && WEBHOOK_DELIVERY.matcher(path).matches())) {
      chain.proceed();
      return;
    }
    boolean git = GIT_PATH.matcher(path).matches();
    Optional<String> key = key(req.headers().first(HeaderNames.AUTHORIZATION), git);
    if (key.isEmpty()) {
      challenge(res, git);
      Responses.error(
          res,
          ErrorKind.UNAUTHORIZED,
          "unauthorized",
          git
              ? "git needs the API key as the password (any user name)"
              : "send 'Authorization: Bearer <key>'; see oncell login");
      return;
    }
    Optional<Principal> principal = keys.authenticate(key.get());
    if (principal.isEmpty()) {
      challenge(res, git);
      Responses.error(res, ErrorKind.UNAUTHORIZED, "unauthorized", "the API key is not valid");
      return;
    }
    if (!allowed(principal.get(), req.prologue().method(), path)) {
      Responses.error(res, ErrorKind.FORBIDDEN, "forbidden", "this key does not reach " + path);
      return;
    }
    req.context().register(principal.get());
    chain.proceed();
  }

  /** The key of a Bearer header; on git's paths also the password of a Basic one. */
  private static Optional<String> key(Optional<String> header, boolean git) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String h = header.get();
    if (h.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.of(h.substring(BEARER.length()).strip());
    }
    if (git && h.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(h.substring(BASIC.length()).strip()),
                StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 || colon == pair.length() - 1
            ? Optional.empty()
            : Optional.of(pair.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Git asks its credential helper (or the user) only after a Basic challenge. */
  private static void challenge(RoutingResponse res, boolean git) {
    if (git) {
      res.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"oncell\"");
    }
  }

  private static boolean allowed(Principal principal, Method method, String path) {
    if (principal.isOperator()) {
      return true;
    }
    if (DOT_SEGMENT.matcher(path).find()) {
      return false; // an encoded "..": never let routing decide what a customer key reaches
    }
    if (RUN_PATHS.matcher(path).matches()) {
      return true; // the handler checks the customer named in the body or the run
    }
    Matcher m = CUSTOMER_PATH.matcher(path);
    if (!m.matches() || !principal.mayAccess(m.group(1))) {
      return false;
    }
    if (m.group(2) != null && m.group(2).startsWith("/webhooks")) {
      return false; // webhook settings hold the secret that starts the customer's runs
    }
    // A customer token uses its cell; it does not delete, pause or resume it, nor see or set the
    // git credentials the host holds for it.
    return m.group(2) == null
        ? method == Method.GET
        : !m.group(2).matches("/(pause|resume)/?") && !OPERATOR_ONLY.matcher(m.group(2)).find();
  }
}
