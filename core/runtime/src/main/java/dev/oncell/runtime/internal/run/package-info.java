/**
 * Runs of agent methods. {@link dev.oncell.runtime.internal.run.RunManager} is the host's {@code
 * Runs}, a facade over one class per job:
 *
 * <ul>
 *   <li>{@code RunAdmission}: admits a new run (servable cell, agent deployed, method and input
 *       fit) and launches it; idempotency keys.
 *   <li>{@code RunExecutor}: going runs, one at a time per cell, each on a virtual thread with its
 *       timeout; records the outcome exactly once; cancellation and time-outs stop a run here.
 *   <li>{@code RunRecovery}: at start-up, resumes the runs a stopped host left running.
 *   <li>{@code RunQueries}: the read side: records, journals as steps, events, waiting for the end.
 *   <li>{@code RunContext}: the agent's {@code Context}. Every call passes {@code ChokePoint}, the
 *       one place the journal's rules (see {@code internal.journal}) are enforced: numbering,
 *       cancellation, replay of recorded steps, non-determinism, side effects, retries. The cell's
 *       files, memory, database and code search are handed out as named journaled views ({@code
 *       JournaledFileStore}, {@code JournaledMemory}, {@code JournaledDb}, {@code
 *       JournaledSearch}); an LLM call sees its run as {@code RunLlm}.
 *   <li>{@code RunJournal}, {@code RunEventLog}: a run's journal and its events.
 * </ul>
 *
 * <p>Uses cell, deploy, llm, journal, plugins and store; nothing uses it but the host.
 */
package dev.oncell.runtime.internal.run;
