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
 *
 * <h2>Request hashes and their versions</h2>
 *
 * <p>A request hash must come out the same in every JVM that replays the run, so it is the SHA-256
 * of {@link dev.oncell.runtime.internal.journal.CanonicalJson}: object members sorted by name,
 * numbers by value ({@code 1}, {@code 1L} and {@code 1.0} agree), sets (which have no order) sorted
 * by their elements' canonical form, UTF-8 bytes with no dependence on the default charset, locale
 * or time zone. Hashing the agent's objects as Jackson iterated them made {@code
 * ctx.stream("progress", Map.of(...))} fail as non-deterministic after a restart: {@code Map.of}
 * and {@code Set.of} iterate in an order salted per JVM start.
 *
 * <p>Migration. Every record says how its hash was made in its format version {@code v} ({@link
 * dev.oncell.runtime.internal.journal.JournalEntry#hashVersion()}): 1 (written before canonical
 * hashing, or with no {@code v}) hashed Jackson's output in the order of the request's tree, with
 * {@code ORDER_MAP_ENTRIES_BY_KEYS}; 2 hashes the canonical form. A replay compares a recorded step
 * with a hash computed the recorded step's way, and hashes every new step the new way, so a run
 * started by an older server resumes without a rewrite of its journal (its old steps keep format 1,
 * its new ones are format 2). A format-1 step whose request held a {@code Map.of} with several
 * entries still depends on the JVM, as it did when it was recorded; nothing can recover the order
 * it was hashed in. The recordings under {@code src/test/resources/journals} are replayed on every
 * build ({@code RecordedJournalReplayTest}). A record of a version this code does not know stops
 * the journal's opening instead of being cut off as a torn write.
 *
 * <h2>Where the rules are enforced</h2>
 *
 * <p>One place: {@code internal.run.ChokePoint}, which every Context call of a run passes. The
 * failures it raises into the agent's code are {@link
 * dev.oncell.runtime.internal.journal.StepFailures}'s. This package uses no other internal package.
 */
package dev.oncell.runtime.internal.journal;
