package dev.oncell.runtime.internal.forge;

import com.fasterxml.jackson.databind.JavaType;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a forge call sees of its run: journaled steps through the run's choke point. Implemented by
 * the run package, which owns the journal.
 */
public interface ForgeSteps {

  /** A read-only step: runs once; a replay returns the journaled result. */
  <T> T read(String kind, String name, Object request, JavaType type, Supplier<T> body);

  /**
   * An effect outside the cell: journaled as started before {@code body} runs. A replay that finds
   * it started but not done asks {@code reconcile}: its value is the step's result, and empty means
   * "did not happen", so {@code body} runs again.
   */
  <T> T effect(
      String kind,
      String name,
      Object request,
      JavaType type,
      String key,
      Supplier<Optional<?>> reconcile,
      Supplier<T> body);
}
