package dev.oncell.server.internal;

import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.ApiKeys;
import dev.oncell.runtime.Principal;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * checked by the handler. The language server's WebSocket ({@code GET /v1/customers/:id/lsp}) also
 * takes the key as a subprotocol {@code oncell.bearer.<key>} (browsers cannot set headers there),
 * and its upgrade is checked again by {@link #authorize} in {@link LspSocketListener}.
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

  /** The language server over a WebSocket ({@link LspSocketListener}). */
  private static final Pattern LSP_PATH = Pattern.compile("^/v1/customers/([^/]+)/lsp$");

  /** A subprotocol that carries the key, for browsers; never echoed back. */
  static final String LSP_KEY_PROTOCOL = "oncell.bearer.";

  private static final HeaderName WEBSOCKET_PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");

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
    Principal principal;
    try {
      principal = authorize(req.prologue().method(), path, req.headers());
    } catch (ApiException e) {
      if (e.kind() == ErrorKind.UNAUTHORIZED) {
        challenge(res, GIT_PATH.matcher(path).matches());
      }
      Responses.failure(res, e);
      return;
    }
    req.context().register(principal);
    chain.proceed();
  }

  /**
   * The API's one check of a caller, for the filter and for the language server's WebSocket
   * upgrade: the key of the request, valid, and reaching {@code path}.
   *
   * @throws ApiException 401 {@code unauthorized} without a valid key, 403 {@code forbidden} when
   *     the key does not reach the path
   */
  Principal authorize(Method method, String path, Headers headers) {
    boolean git = GIT_PATH.matcher(path).matches();
    Optional<String> key = key(headers, path);
    if (key.isEmpty()) {
      throw new ApiException(
          ErrorKind.UNAUTHORIZED,
          "unauthorized",
          git
              ? "git needs the API key as the password (any user name)"
              : lspCustomer(path).isPresent()
                  ? "send 'Authorization: Bearer <key>' or the subprotocol '"
                      + LSP_KEY_PROTOCOL
                      + "<key>'"
                  : "send 'Authorization: Bearer <key>'; see oncell login");
    }
    Optional<Principal> principal = keys.authenticate(key.get());
    if (principal.isEmpty()) {
      throw new ApiException(ErrorKind.UNAUTHORIZED, "unauthorized", "the API key is not valid");
    }
    if (!allowed(principal.get(), method, path)) {
      throw new ApiException(ErrorKind.FORBIDDEN, "forbidden", "this key does not reach " + path);
    }
    return principal.get();
  }

  /**
   * The key of a request: a Bearer header; on git's paths also the password of a Basic one; on the
   * language server's socket also a subprotocol {@code oncell.bearer.<key>}, since a browser cannot
   * set headers on a WebSocket.
   */
  static Optional<String> key(Headers headers, String path) {
    Optional<String> fromHeader =
        headerKey(headers.first(HeaderNames.AUTHORIZATION), GIT_PATH.matcher(path).matches());
    if (fromHeader.isPresent() || lspCustomer(path).isEmpty()) {
      return fromHeader;
    }
    return offeredProtocols(headers).stream()
        .filter(p -> p.startsWith(LSP_KEY_PROTOCOL) && p.length() > LSP_KEY_PROTOCOL.length())
        .map(p -> p.substring(LSP_KEY_PROTOCOL.length()))
        .findFirst();
  }

  /** The customer of a language-server socket's path. */
  static Optional<String> lspCustomer(String path) {
    Matcher m = LSP_PATH.matcher(path);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The WebSocket subprotocols a client offered, in its order. */
  static List<String> offeredProtocols(Headers headers) {
    List<String> offered = new ArrayList<>();
    for (Header header : headers) {
      if (header.headerName().equals(WEBSOCKET_PROTOCOL)) {
        for (String value : header.allValues()) {
          for (String token : value.split(",")) {
            if (!token.isBlank()) {
              offered.add(token.strip());
            }
          }
        }
      }
    }
    return offered;
  }

  /** The key of a Bearer header; on git's paths also the password of a Basic one. */
  private static Optional<String> headerKey(Optional<String> header, boolean git) {
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
