package dev.oncell.agent;

import java.util.Optional;

/**
 * One search result: a chunk of a file, with a score between 0 and 1 (1 is the query's best hit).
 *
 * @param path relative to {@code /work}
 * @param startLine 1-based, inclusive
 * @param endLine 1-based, inclusive
 * @param symbol the function, method or class the chunk holds, qualified where possible ({@code
 *     AuthMiddleware.verifyToken})
 * @param language {@code java}, {@code python}, {@code typescript}, ..., or {@code text}
 */
public record SearchHit(
    String path,
    String content,
    double score,
    int startLine,
    int endLine,
    Optional<String> symbol,
    String language) {}
