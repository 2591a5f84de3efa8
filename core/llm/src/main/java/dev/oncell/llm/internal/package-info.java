/**
 * The router's parts: config reading with lines ({@code YamlTree}, {@code ConfigReader}), routing
 * ({@code ModelRouting}), LangChain4j models per provider and key ({@code Clients}), the HTTP
 * client they use ({@code ProviderHttpClient}), conversions, failure mapping and the retry loop
 * ({@code DefaultRouter}).
 *
 * <p>Invariants: LangChain4j never retries (every model is built with {@code maxRetries(0)} or has
 * no retry); one attempt runs on one virtual thread and is interrupted at the timeout; a resolved
 * key lives only in a model instance and is scrubbed from every message that leaves.
 */
package dev.oncell.llm.internal;
