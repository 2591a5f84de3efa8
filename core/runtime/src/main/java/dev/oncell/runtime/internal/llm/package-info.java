/**
 * {@code ctx.llm}. {@link dev.oncell.runtime.internal.llm.LlmService} holds the host's router over
 * the config file's {@code llm} section, checks budgets and records usage; {@link
 * dev.oncell.runtime.internal.llm.LlmCall} runs one call: each request to a model is a journaled
 * step whose result is the answer ({@code LlmTurn}), tool calls ({@code LlmTools}) run through the
 * run's own Context, structured answers are checked against the record's schema. A call sees its
 * run only through the narrow {@code LlmCall.Run}, so this package knows nothing of runs or cells.
 *
 * <p>Uses journal (step failures), plugins and store (usage).
 */
package dev.oncell.runtime.internal.llm;
