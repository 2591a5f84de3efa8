/**
 * Forge webhooks that start agent runs: {@code WebhookService} (the host's {@code Webhooks}),
 * {@code ForgeSignatures} (GitHub, GitLab, Gitea), {@code ForgeEvents} (a payload to a method's
 * input) and {@code RepoUrls} (which customers a payload's repository names).
 *
 * <p>Invariants: a delivery starts runs only in customers whose own secret verifies its exact bytes
 * (constant-time compare); a run's idempotency key is {@code webhook:<forge>:<delivery id>},
 * through the same admission as the API's {@code Idempotency-Key}, so a redelivery starts nothing
 * new; no secret, signature or body reaches a log line, an error message or an answer (a JSON
 * parser's message, which quotes the body, is replaced). Uses {@code store} and the public API.
 */
package dev.oncell.runtime.internal.webhook;
