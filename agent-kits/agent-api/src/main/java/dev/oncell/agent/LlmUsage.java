package dev.oncell.agent;

/** Tokens a call spent, as the provider counted them, over all its rounds. */
public record LlmUsage(long inputTokens, long outputTokens) {

  public static final LlmUsage NONE = new LlmUsage(0, 0);

  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
