package dev.oncell.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What a verified webhook delivery did: started (or, redelivered, found again) runs, or nothing
 * because no customer maps its event and action to a method.
 */
public sealed interface WebhookOutcome {

  /**
   * Runs of the verified customers, one each; a redelivery answers the runs of the first delivery.
   *
   * @param refused customers whose run could not start (such as {@code run_in_progress}), when at
   *     least one other's did
   */
  record Started(List<StartedRun> runs, List<Refusal> refused) implements WebhookOutcome {
    public Started {
      runs = List.copyOf(runs);
      refused = List.copyOf(refused);
    }
  }

  /** Nothing started, and why (an event or action no one maps). */
  record Ignored(String reason) implements WebhookOutcome {
    public Ignored {
      Objects.requireNonNull(reason, "reason");
    }
  }

  record StartedRun(String customerId, String runId) {}

  record Refusal(String customerId, String code, String message) {}
}
