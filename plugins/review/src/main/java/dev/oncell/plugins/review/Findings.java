package dev.oncell.plugins.review;

import java.util.List;

/**
 * The model's structured answer for one review: every finding, possibly none. A record so that
 * {@code ctx.llm(prompt, options, Findings.class)} can send the model its JSON schema and check the
 * answer against it (a malformed answer is sent back to be fixed before the call fails).
 */
public record Findings(List<Finding> findings) {

  public Findings {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }
}
