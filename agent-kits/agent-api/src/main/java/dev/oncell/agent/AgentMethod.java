package dev.oncell.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Optional settings of an agent method. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AgentMethod {

  /** The callable name; the Java method's name when empty. */
  String name() default "";

  /**
   * How long one run of this method may take, in oncell's duration grammar ({@link Durations}:
   * {@code 10m}, {@code 2h}, {@code PT10M}); the host's default (30 minutes) when empty. At the
   * timeout the run fails and its current step is interrupted.
   */
  String timeout() default "";
}
