/**
 * The durable journal of runs. The determinism rules live here.
 *
 * <p>Every Context call of a run is a step with a sequence number. Its record is on disk before the
 * call returns. On replay (after a crash or restart) the agent method runs again from the start: a
 * step whose record is DONE returns the recorded result without executing; a FAILED one throws the
 * recorded failure again; the first step without a record executes for real. A step whose kind,
 * name or request hash differs from its record fails the run as non-deterministic. A side-effect
 * step is recorded STARTED before it runs; found STARTED but not DONE on replay, it runs its
 * reconcile check if it has one and otherwise fails the run as needing attention.
 *
 * <p>So an agent must make the same Context calls in the same order given the same results: no
 * branching on clocks, random numbers or outside state except through {@code ctx.step}.
 *
 * <p>{@code ctx.llm} is several steps: each request to a model is a step of kind {@code llm} whose
 * request hash covers the whole conversation sent, and each tool call the model makes is the
 * Context call it stands for. A replay returns the journaled answers, so it spends no token; a call
 * cut after some rounds resumes at the first round without a record.
 */
package dev.oncell.runtime.internal.journal;
