package dev.oncell.agent;

import java.util.List;

/**
 * Runs named steps in order, each a journaled step, and emits {@code {"orchestrator", "step",
 * "status": "running|done|failed", "progress": 0..1}} events as it goes.
 */
public interface Orchestrator {

  /**
   * Runs the steps in order; stops at the first that throws and rethrows its failure.
   *
   * @return each step's result, in order ({@code null} for steps without one)
   */
  List<Object> stream(Step... steps);
}
