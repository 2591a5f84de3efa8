package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.JavaType;
import dev.oncell.agent.StepOptions;
import dev.oncell.runtime.internal.forge.ForgeSteps;
import java.util.Optional;
import java.util.function.Supplier;

/** What a forge call sees of its run: steps through the run's choke point. */
record RunForgeSteps(ChokePoint steps) implements ForgeSteps {

  @Override
  public <T> T read(String kind, String name, Object request, JavaType type, Supplier<T> body) {
    return steps.call(kind, name, request, type, StepOptions.defaults(), body);
  }

  @Override
  public <T> T effect(
      String kind,
      String name,
      Object request,
      JavaType type,
      String key,
      Supplier<Optional<?>> reconcile,
      Supplier<T> body) {
    return steps.call(
        kind,
        name,
        request,
        type,
        StepOptions.defaults().sideEffect(key).reconcile(reconcile),
        body);
  }
}
