package dev.oncell.plugins.security.code;

/**
 * A sink reached in one file, before it becomes a {@link dev.oncell.plugins.security.Finding}.
 *
 * @param sink the rule
 * @param line the sink's line
 * @param sinkText the sink's text (the call or the assignment target), whitespace collapsed
 * @param evidence why: the source and the sink, or the call's shape
 */
record Hit(Rules.Sink sink, int line, String sinkText, String evidence) {}
