/**
 * LLM routing for oncell, on LangChain4j: the {@code llm} section of {@code oncell.yaml} ({@link
 * dev.oncell.llm.LlmConfig}), a {@link dev.oncell.llm.LlmRouter} that picks a provider by model
 * name and talks to OpenAI, Anthropic, Ollama or any OpenAI-compatible server, and the values of a
 * conversation ({@link dev.oncell.llm.Message}, {@link dev.oncell.llm.LlmReply}, ...). It knows
 * nothing of cells, agents or journals.
 *
 * <p>Invariants: a secret (an API key, resolved from {@code $VAR}) never appears in an exception
 * message, a log line or a value this package returns; every call ends within its timeout with a
 * reply or an {@link dev.oncell.llm.LlmException}; retries happen here, never inside LangChain4j,
 * so that {@code Retry-After} is honoured and waits are bounded.
 */
package dev.oncell.llm;
