/**
 * In-process embedding models: ONNX graphs and tokenizers shipped inside Maven artifacts
 * (LangChain4j's {@code langchain4j-embeddings-*}), run by onnxruntime; nothing is downloaded at
 * run time.
 *
 * <p>Invariants: every vector has the model's dimension and unit length; a text longer than the
 * model's window is split into windows at word boundaries and their vectors averaged (weighted by
 * tokens), never silently truncated (truncation exists only as a variant for the evaluation); one
 * loaded model is shared per process and spec, each inference runs on one ONNX thread, parallelism
 * comes from a small named pool; native libraries are written under {@code java.io.tmpdir} only.
 */
package dev.oncell.search.internal.embed;
