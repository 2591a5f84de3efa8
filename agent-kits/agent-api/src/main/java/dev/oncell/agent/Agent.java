package dev.oncell.agent;

import java.util.Locale;
import org.pf4j.ExtensionPoint;

/**
 * An agent: the code an author ships as a PF4J plugin and the platform runs in every customer's
 * cell. Annotate the subclass with {@code @org.pf4j.Extension}.
 *
 * <p>Every public method of the subclass shaped {@code R name(Context ctx, I input)} becomes a
 * callable method named {@code name} ({@link AgentMethod} renames it or sets its timeout). {@code
 * I} and {@code R} are records, other Jackson-mappable types or {@code JsonNode}; a method may also
 * take only the {@code Context}, and may return {@code void}.
 *
 * <p>Methods must be deterministic given the results of their {@link Context} calls: see {@link
 * Context} for what a replay after a crash expects.
 */
public abstract class Agent implements ExtensionPoint {

  /**
   * The name customers are created with ({@code "agent": "<name>"}). Defaults to the class name in
   * kebab case without an {@code Agent} suffix: {@code DataAnalysisAgent} is {@code data-analysis}.
   */
  public String name() {
    String simple = getClass().getSimpleName().replaceFirst("Agent$", "");
    return simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** The cell this agent needs. */
  public CellSpec spec() {
    return CellSpec.defaults();
  }

  /** Called once in a new customer's cell, before any method. Does nothing by default. */
  public void setup(Context ctx) {}
}
