package dev.oncell.forge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What the forge stand-ins share: a JDK {@code HttpServer} on 127.0.0.1 and an ephemeral port,
 * repositories holding pull requests, tokens that may read or also write, every call recorded, and
 * faults to inject (5xx, 429 with {@code Retry-After}, a creation whose answer is lost, a pull
 * request opened by someone else just before a creation), and a hold of a creation's answer for
 * crash tests. Subclasses speak one forge's wire format.
 */
public abstract class FakeForge implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A request as the stand-in saw it: raw path and query, headers, body. */
  public record Call(
      String method, String path, String query, Map<String, List<String>> headers, String body) {

    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("request body is not JSON: " + body, e);
      }
    }

    /** A query parameter, decoded. */
    public Optional<String> param(String name) {
      return params(query).getOrDefault(name, List.of()).stream().findFirst();
    }

    @Override
    public String toString() {
      return method + " " + path + (query.isEmpty() ? "" : "?" + query);
    }
  }

  /** A pull request (GitLab: merge request) held by the stand-in. */
  public static final class Pr {
    /** The repository's path. */
    public final String repo;

    public final long number;
    public volatile String title;
    public volatile String body;
    public volatile String head;
    public volatile String base;
    public volatile String headSha;
    public volatile String baseSha;
    public volatile String state = "open";
    public volatile boolean merged;
    public volatile boolean draft;

    /** Conversation comments, each the JSON the client sent. */
    public final List<JsonNode> comments = new CopyOnWriteArrayList<>();

    /** The ids of {@link #comments}, in the same order: an edit replaces its comment in place. */
    public final List<Long> commentIds = new CopyOnWriteArrayList<>();

    /** The ids of the conversation comments edited, in the order of the edits. */
    public final List<Long> editedComments = new CopyOnWriteArrayList<>();

    /**
     * Review verdicts as submitted, one forge's spelling made common: {@code APPROVE}, {@code
     * REQUEST_CHANGES} (GitLab: an approval withdrawn), {@code COMMENT}.
     */
    public final List<String> verdicts = new CopyOnWriteArrayList<>();

    /** Whether the token's user approves it now (GitLab's approvals). */
    public volatile boolean approved;

    /** Inline comments, each the JSON the client sent (GitLab: with its position). */
    public final List<JsonNode> reviewComments = new CopyOnWriteArrayList<>();

    Pr(String repo, long number, String head, String base, String title, String body) {
      this.repo = repo;
      this.number = number;
      this.head = head;
      this.base = base;
      this.title = title;
      this.body = body;
      this.headSha = sha(head);
      this.baseSha = sha(base);
    }
  }

  /**
   * A creation's answer held by {@link #holdNextCreateAnswer}: the pull request is created and
   * recorded, and its answer waits. A test waits with {@link #awaitReached} until that point (no
   * sleeping), does what it wants (kill the client), then {@link #release}s the answer or lets the
   * stand-in's close drop it.
   */
  public static final class Hold {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Hold() {}

    /** Waits until a creation's answer is held; fails the test after {@code timeout}. */
    public void awaitReached(Duration timeout) throws InterruptedException {
      if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("no creation reached the hold in " + timeout);
      }
    }

    /** Sends the held answer. */
    public void release() {
      released.countDown();
    }

    private volatile boolean dropped;

    /** The stand-in closes: the held answer is never sent. */
    private void drop() {
      dropped = true;
      released.countDown();
    }

    /** Holds the calling request until released; false if dropped. */
    private boolean hold() throws InterruptedException {
      reached.countDown();
      released.await();
      return !dropped;
    }
  }

  /** An answer: status, extra headers, JSON body (or none). */
  record Answer(int status, Map<String, String> headers, Object body) {
    static Answer of(int status, Object body) {
      return new Answer(status, Map.of(), body);
    }
  }

  final class Repo {
    final String path;
    final List<Pr> pulls = new ArrayList<>();
    long nextNumber = 1;
    long nextCommentId = 1000;

    Repo(String path) {
      this.path = path;
    }

    Pr open(String head, String base, String title, String body, boolean draft) {
      Pr pr = new Pr(path, nextNumber++, head, base, title, body);
      pr.draft = draft;
      pulls.add(pr);
      return pr;
    }

    /** Records a new conversation comment of {@code pr}; returns its id. */
    long comment(Pr pr, JsonNode body) {
      long id = nextCommentId++;
      pr.comments.add(body);
      pr.commentIds.add(id);
      return id;
    }

    /** Replaces conversation comment {@code id}, as an edit does; the pull request it is on. */
    Optional<Pr> edit(long id, JsonNode body) {
      for (Pr pr : pulls) {
        int i = pr.commentIds.indexOf(id);
        if (i >= 0) {
          pr.comments.set(i, body);
          pr.editedComments.add(id);
          return Optional.of(pr);
        }
      }
      return Optional.empty();
    }

    Optional<Pr> pr(long number) {
      return pulls.stream().filter(p -> p.number == number).findFirst();
    }
  }

  private final HttpServer server;
  private final String prefix;
  private final Map<String, Repo> repos = new LinkedHashMap<>();
  private final Map<String, Boolean> tokens = new LinkedHashMap<>();
  private final Deque<Answer> faults = new ArrayDeque<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final ThreadLocal<Hold> heldHere = new ThreadLocal<>();
  private Hold holdNextCreate;
  private final List<Hold> holds = new CopyOnWriteArrayList<>();
  private int stall;
  private boolean loseNextCreate;
  private Runnable beforeNextCreate;
  private int pageCap = 100;
  private boolean linkHeaders = true;
  private String linkBase;

  FakeForge(String prefix) {
    this.prefix = prefix;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new AssertionError("cannot start a forge stand-in", e);
    }
    server.setExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fake-forge-", 0).factory()));
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The API base a client is given: {@link #url()} and the forge's API prefix. */
  public String apiBase() {
    return url() + prefix;
  }

  /** A repository's web URL, as a customer would configure it. */
  public String repoUrl(String path) {
    return url() + "/" + path + ".git";
  }

  /** Adds an empty repository ({@code owner/name}, or a GitLab group path). */
  public synchronized FakeForge repo(String path) {
    repos.put(path, new Repo(path));
    return this;
  }

  /** Accepts {@code token}; {@code write} lets it open and edit pull requests and comment. */
  public synchronized FakeForge token(String token, boolean write) {
    tokens.put(token, write);
    return this;
  }

  /** The next {@code times} requests get {@code status} (a forge error body) and change nothing. */
  public synchronized FakeForge failNext(int times, int status) {
    for (int i = 0; i < times; i++) {
      faults.add(new Answer(status, Map.of(), null));
    }
    return this;
  }

  /** The next request gets {@code status} with these headers (say {@code Retry-After}). */
  public synchronized FakeForge failNextWith(int status, Map<String, String> headers) {
    faults.add(new Answer(status, headers, null));
    return this;
  }

  /** The next {@code times} requests are never answered (until the stand-in closes). */
  public synchronized FakeForge stallNext(int times) {
    stall += times;
    return this;
  }

  /** The next creation is carried out but answered 502, as if a proxy lost the answer. */
  public synchronized FakeForge loseNextCreateAnswer() {
    loseNextCreate = true;
    return this;
  }

  /**
   * The next creation is carried out and recorded, and its answer held until the returned hold is
   * released (or the stand-in closes). Held outside the stand-in's lock: other calls go on.
   */
  public synchronized Hold holdNextCreateAnswer() {
    holdNextCreate = new Hold();
    holds.add(holdNextCreate);
    return holdNextCreate;
  }

  /** The server's handler, to serve this API from another server on the same host and port. */
  public HttpHandler handler() {
    return this::handle;
  }

  /** Runs {@code action} just before the next creation (someone else opening the same one). */
  public synchronized FakeForge beforeNextCreate(Runnable action) {
    beforeNextCreate = action;
    return this;
  }

  /** At most {@code size} items per page, whatever the client asks. */
  public synchronized FakeForge pageSize(int size) {
    pageCap = size;
    return this;
  }

  /** Pages carry no {@code Link} header (only the forge's own page headers, if any). */
  public synchronized FakeForge withoutLinkHeaders() {
    linkHeaders = false;
    return this;
  }

  /**
   * Next-page links point at {@code base} instead of this stand-in (a forge misconfigured, or
   * worse).
   */
  public synchronized FakeForge linksTo(String base) {
    linkBase = base;
    return this;
  }

  /** Opens a pull request directly (as someone else would), returning it. */
  public synchronized Pr openPullRequest(String repo, String head, String base, String title) {
    return repo(repo, true).open(head, base, title, "", false);
  }

  /** The pull requests of {@code repo}, oldest first. */
  public synchronized List<Pr> pulls(String repo) {
    return List.copyOf(repo(repo, true).pulls);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls with this method whose path ends with {@code pathEnd}. */
  public List<Call> calls(String method, String pathEnd) {
    return calls.stream()
        .filter(c -> c.method().equals(method) && c.path().endsWith(pathEnd))
        .toList();
  }

  /** The commit the stand-in says branch {@code name} is at: the SHA-1 of its name. */
  public static String sha(String name) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    holds.forEach(Hold::drop);
    server.stop(0);
  }

  // ---- for subclasses

  /** The token the request carries in this forge's header, if any. */
  abstract Optional<String> token(HttpExchange exchange);

  /** This forge's error body for {@code status}. */
  abstract Object error(int status, String message);

  /** Serves one authorized request; {@code path} is the raw path after the API prefix. */
  abstract Answer route(Call call, String path, boolean canWrite);

  Repo repo(String path, boolean required) {
    Repo r = repos.get(path);
    if (r == null && required) {
      throw new AssertionError("the stand-in has no repository " + path);
    }
    return r;
  }

  /** Called by a subclass's create: the injected concurrent creation, if any. */
  void beforeCreate() {
    Runnable r = beforeNextCreate;
    beforeNextCreate = null;
    if (r != null) {
      r.run();
    }
  }

  /**
   * Called by a subclass after a creation: whether its answer is to be lost. Also arms the hold of
   * {@link #holdNextCreateAnswer} for the calling request, if one is due.
   */
  boolean loseCreateAnswer() {
    if (holdNextCreate != null) {
      heldHere.set(holdNextCreate);
      holdNextCreate = null;
    }
    boolean lose = loseNextCreate;
    loseNextCreate = false;
    return lose;
  }

  /**
   * One page of {@code items} with {@code Link} (next, last) headers; {@code pageParam} and {@code
   * sizeParam} are the forge's query names, {@code defaultSize} its page size.
   */
  Answer page(Call call, List<?> items, String sizeParam, int defaultSize) {
    int size = Math.min(pageCap, call.param(sizeParam).map(Integer::parseInt).orElse(defaultSize));
    int page = call.param("page").map(Integer::parseInt).orElse(1);
    int pages = Math.max(1, (items.size() + size - 1) / size);
    int from = Math.min(items.size(), (page - 1) * size);
    List<?> slice = items.subList(from, Math.min(items.size(), from + size));
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> links = new ArrayList<>();
    if (page < pages) {
      links.add("<" + pageUrl(call, page + 1) + ">; rel=\"next\"");
      links.add("<" + pageUrl(call, pages) + ">; rel=\"last\"");
    }
    if (page > 1) {
      links.add("<" + pageUrl(call, 1) + ">; rel=\"first\"");
      links.add("<" + pageUrl(call, page - 1) + ">; rel=\"prev\"");
    }
    if (!links.isEmpty() && linkHeaders) {
      headers.put("Link", String.join(", ", links));
    }
    pageHeaders(headers, page, pages, size, items.size());
    return new Answer(200, headers, slice);
  }

  /** Headers a forge adds to a page besides {@code Link} (Gitea's and GitLab's totals). */
  void pageHeaders(Map<String, String> headers, int page, int pages, int size, int total) {}

  private String pageUrl(Call call, int page) {
    StringBuilder q = new StringBuilder();
    for (String part : call.query().isEmpty() ? new String[0] : call.query().split("&")) {
      if (!part.startsWith("page=")) {
        q.append(q.isEmpty() ? "" : "&").append(part);
      }
    }
    q.append(q.isEmpty() ? "" : "&").append("page=").append(page);
    return (linkBase != null ? linkBase : url()) + call.path() + "?" + q;
  }

  static Map<String, List<String>> params(String query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String part : query.split("&")) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String rawQuery = exchange.getRequestURI().getRawQuery();
      Call call =
          new Call(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              rawQuery == null ? "" : rawQuery,
              Map.copyOf(exchange.getRequestHeaders()),
              body);
      calls.add(call);
      boolean stalls;
      synchronized (this) {
        stalls = stall > 0;
        stall = Math.max(0, stall - 1);
      }
      if (stalls) {
        try {
          closing.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      Answer answer;
      synchronized (this) {
        answer = answer(exchange, call);
      }
      Hold hold = heldHere.get();
      heldHere.remove();
      if (hold != null) {
        try {
          if (!hold.hold()) {
            return; // closed while held: created, never answered
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (answer.body() == null) {
        exchange.sendResponseHeaders(answer.status(), -1);
        return;
      }
      byte[] bytes = JSON.writeValueAsBytes(answer.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private Answer answer(HttpExchange exchange, Call call) {
    Answer fault = faults.pollFirst();
    if (fault != null) {
      return new Answer(fault.status(), fault.headers(), error(fault.status(), "injected fault"));
    }
    if (!call.path().startsWith(prefix + "/")) {
      return Answer.of(404, error(404, "Not Found"));
    }
    Optional<String> token = token(exchange);
    if (token.isEmpty() || !tokens.containsKey(token.get())) {
      return Answer.of(401, error(401, "Bad credentials"));
    }
    boolean canWrite = tokens.get(token.get());
    return route(call, call.path().substring(prefix.length()), canWrite);
  }
}
