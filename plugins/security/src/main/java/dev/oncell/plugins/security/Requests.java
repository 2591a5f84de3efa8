package dev.oncell.plugins.security;

/** The inputs of the agent's methods, each checked before anything changes. */
public final class Requests {

  private Requests() {}

  /**
   * {@code scan}'s input.
   *
   * @param history also scan every blob of the history (default true)
   * @param triage have the local model triage new findings (default: config {@code triage}, else
   *     true)
   * @param fetch bring the upstream's new commits first (default true)
   */
  public record Scan(Boolean history, Boolean triage, Boolean fetch) {}

  /** {@code baseline}'s input: who sets it and why. */
  public record Baseline(String by, String reason) {
    void check() {
      Requests.text("by", by);
      Requests.text("reason", reason);
    }
  }

  /** {@code suppress}'s input: the finding, who and why. */
  public record Suppress(String fingerprint, String by, String reason) {
    void check() {
      if (fingerprint == null || !fingerprint.matches("[0-9a-f]{8,64}")) {
        throw SecurityException.invalid(
            "security_invalid_input", "fingerprint is a finding's fingerprint (hex), as reported");
      }
      Requests.text("by", by);
      Requests.text("reason", reason);
    }
  }

  /** A suppression made by {@code suppress}. */
  public record Suppressed(String fingerprint, String by, String reason, String at) {}

  /** What {@code baseline} did. */
  public record BaselineResult(int added, int total, String by, String reason, String at) {}

  static void text(String name, String value) {
    if (value == null || value.isBlank() || value.length() > 500) {
      throw SecurityException.invalid(
          "security_invalid_input", name + " is required: 1 to 500 characters");
    }
  }
}
