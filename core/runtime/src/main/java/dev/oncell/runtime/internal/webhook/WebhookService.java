package dev.oncell.runtime.internal.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Runs;
import dev.oncell.runtime.WebhookDelivery;
import dev.oncell.runtime.WebhookForge;
import dev.oncell.runtime.WebhookInfo;
import dev.oncell.runtime.WebhookOutcome;
import dev.oncell.runtime.Webhooks;
import dev.oncell.runtime.internal.store.WebhookStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The host's {@link Webhooks}: settings checked and kept in the {@link WebhookStore}; deliveries
 * verified against each candidate's secret ({@link ForgeSignatures}), read into a method's input
 * ({@link ForgeEvents}) and started through {@link Runs#start} with the delivery's idempotency key,
 * the same admission as an API call with an {@code Idempotency-Key}. Logs name the forge, the
 * delivery id and customer ids; never a secret, a signature or the body.
 */
public final class WebhookService implements Webhooks {

  /** The agent methods a customer's deployed agent has, if it can be known now. */
  @FunctionalInterface
  public interface AgentMethods {
    /**
     * @throws CellException {@code no_agent} for a customer without an agent
     */
    Optional<Set<String>> of(CellInfo customer);
  }

  private static final Logger LOG = Logger.getLogger(WebhookService.class.getName());
  private static final ObjectMapper PARSER = new ObjectMapper();
  private static final Pattern METHOD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,127}");
  private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final WebhookStore store;
  private final Cells cells;
  private final Runs runs;
  private final AgentMethods agentMethods;

  public WebhookService(WebhookStore store, Cells cells, Runs runs, AgentMethods agentMethods) {
    this.store = store;
    this.cells = cells;
    this.runs = runs;
    this.agentMethods = agentMethods;
  }

  @Override
  public WebhookInfo set(
      String customer, WebhookForge forge, String secret, Map<String, String> methods) {
    CellInfo info = customer(customer);
    checkSecret(secret);
    if (methods == null || methods.isEmpty()) {
      throw CellException.invalid(
          "unknown_webhook_event",
          "map at least one event to a method, such as {\"pull_request\": {\"method\":"
              + " \"review\"}}; events: "
              + new TreeSet<>(EVENTS));
    }
    SortedMap<String, String> sorted = new TreeMap<>(methods);
    Optional<Set<String>> known = agentMethods.of(info);
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (!EVENTS.contains(e.getKey())) {
        throw CellException.invalid(
            "unknown_webhook_event",
            "no webhook event '" + shortened(e.getKey()) + "'; events: " + new TreeSet<>(EVENTS));
      }
      String method = e.getValue();
      if (method == null || !METHOD.matcher(method).matches() || method.equals("setup")) {
        throw CellException.invalid(
            "invalid_webhook_method",
            "the method for '" + e.getKey() + "' must be the name of one of the agent's methods");
      }
      if (known.isPresent() && !known.get().contains(method)) {
        throw CellException.invalid(
            "unknown_method",
            "agent '"
                + info.agent().orElse("?")
                + "' of customer '"
                + customer
                + "' has no method '"
                + method
                + "'; it has "
                + new TreeSet<>(known.get()));
      }
    }
    WebhookInfo stored =
        store.put(customer, forge, secret, sorted).orElseThrow(() -> notFound(customer));
    LOG.info(
        "webhook settings for " + forge.wire() + " of customer " + customer + " set: " + sorted);
    return stored;
  }

  @Override
  public Optional<WebhookInfo> find(String customer, WebhookForge forge) {
    customer(customer);
    return store.find(customer, forge).map(WebhookStore.Stored::info);
  }

  @Override
  public List<WebhookInfo> list(String customer) {
    customer(customer);
    return store.list(customer).stream().map(WebhookStore.Stored::info).toList();
  }

  @Override
  public boolean delete(String customer, WebhookForge forge) {
    customer(customer);
    return store.delete(customer, forge);
  }

  @Override
  public WebhookOutcome receive(WebhookDelivery delivery) {
    WebhookForge forge = delivery.forge();
    String event =
        delivery
            .event()
            .filter(e -> !e.isBlank() && e.length() <= 100)
            .orElseThrow(() -> headers("a " + forge.eventHeader() + " header"));
    String deliveryId =
        delivery
            .deliveryId()
            .filter(id -> DELIVERY_ID.matcher(id).matches())
            .orElseThrow(
                () ->
                    headers(
                        "a "
                            + forge.deliveryHeader()
                            + " header of 1 to 128 letters,"
                            + " digits and '._:-'"));
    JsonNode payload = payload(delivery.body());
    List<WebhookStore.Stored> verified = new ArrayList<>();
    for (WebhookStore.Stored candidate : candidates(delivery, payload)) {
      if (ForgeSignatures.verify(
          forge, candidate.secret(), delivery.body(), delivery.signature())) {
        verified.add(candidate);
      }
    }
    String what = forge.wire() + " delivery " + deliveryId + " (" + shortened(event) + ")";
    if (verified.isEmpty()) {
      LOG.info(what + ": no customer's secret verifies it; nothing started");
      throw new CellException(
          ErrorKind.UNAUTHORIZED,
          "webhook_signature_invalid",
          "the " + forge.signatureHeader() + " of this delivery is not valid for any customer");
    }
    ForgeEvents.Parsed parsed = ForgeEvents.parse(forge, event, payload);
    if (parsed instanceof ForgeEvents.Skip skip) {
      LOG.info(what + ": ignored, " + skip.reason());
      return new WebhookOutcome.Ignored(skip.reason());
    }
    ForgeEvents.Trigger trigger = (ForgeEvents.Trigger) parsed;
    return start(what, "webhook:" + forge.wire() + ":" + deliveryId, trigger, verified);
  }

  private WebhookOutcome start(
      String what, String key, ForgeEvents.Trigger trigger, List<WebhookStore.Stored> verified) {
    List<WebhookOutcome.StartedRun> started = new ArrayList<>();
    List<WebhookOutcome.Refusal> refused = new ArrayList<>();
    CellException firstFailure = null;
    for (WebhookStore.Stored customer : verified) {
      String method = customer.methods().get(trigger.event());
      if (method == null) {
        continue;
      }
      try {
        String runId =
            runs.start(customer.customerId(), method, trigger.input(), Optional.of(key)).id();
        started.add(new WebhookOutcome.StartedRun(customer.customerId(), runId));
        LOG.info(
            what + ": run " + runId + " of " + method + " in customer " + customer.customerId());
      } catch (CellException e) {
        LOG.warning(
            what
                + ": customer "
                + customer.customerId()
                + " could not start "
                + method
                + ": "
                + e.code()
                + ": "
                + e.getMessage());
        refused.add(new WebhookOutcome.Refusal(customer.customerId(), e.code(), e.getMessage()));
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (started.isEmpty() && firstFailure != null) {
      throw firstFailure;
    }
    if (started.isEmpty()) {
      String reason = "no method is configured for " + trigger.event();
      LOG.info(what + ": ignored, " + reason);
      return new WebhookOutcome.Ignored(reason);
    }
    return new WebhookOutcome.Started(started, refused);
  }

  /** The customer the hook's URL names, or those whose {@code config.repoUrl} is the payload's. */
  private List<WebhookStore.Stored> candidates(WebhookDelivery delivery, JsonNode payload) {
    if (delivery.customer().isPresent()) {
      String id = delivery.customer().get();
      return id.length() > 63 ? List.of() : store.find(id, delivery.forge()).stream().toList();
    }
    Set<String> repos =
        ForgeEvents.repoUrls(delivery.forge(), payload).stream()
            .map(RepoUrls::normalise)
            .flatMap(Optional::stream)
            .collect(Collectors.toSet());
    if (repos.isEmpty()) {
      throw CellException.invalid(
          "webhook_payload_invalid",
          "the payload names no repository; add ?customer=ID to the hook's URL");
    }
    List<WebhookStore.Stored> out = new ArrayList<>();
    for (WebhookStore.Stored stored : store.forForge(delivery.forge())) {
      Optional<String> repoUrl =
          cells
              .find(stored.customerId())
              .map(c -> c.config().path("repoUrl"))
              .filter(JsonNode::isTextual)
              .flatMap(u -> RepoUrls.normalise(u.asText()));
      if (repoUrl.isPresent() && repos.contains(repoUrl.get())) {
        out.add(stored);
      }
    }
    return out;
  }

  private static JsonNode payload(byte[] body) {
    JsonNode node;
    try {
      node = body.length == 0 ? null : PARSER.readTree(body);
    } catch (IOException e) {
      node = null; // the parser's message quotes the body: never echo it
    }
    if (node == null || !node.isObject()) {
      throw CellException.invalid(
          "webhook_payload_invalid",
          "the body is not a JSON object (send the hook as application/json)");
    }
    return node;
  }

  private CellInfo customer(String id) {
    return cells.find(id).orElseThrow(() -> notFound(id));
  }

  private static CellException notFound(String id) {
    return CellException.notFound("not_found", "no customer '" + shortened(id) + "'");
  }

  private static void checkSecret(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw CellException.invalid("invalid_webhook_secret", "the webhook needs a secret");
    }
    if (secret.length() > MAX_SECRET_LENGTH) {
      throw CellException.invalid(
          "invalid_webhook_secret",
          "the webhook secret is longer than " + MAX_SECRET_LENGTH + " characters");
    }
    if (secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw CellException.invalid(
          "invalid_webhook_secret",
          "the webhook secret has control characters (a forge cannot send them in a header)");
    }
  }

  private static CellException headers(String what) {
    return CellException.invalid("webhook_headers_invalid", "the delivery needs " + what);
  }

  private static String shortened(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }
}
