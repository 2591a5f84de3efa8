/**
 * One HTTP/1 codec for the host's own HTTP plumbing: the egress proxy reads requests and its
 * origins' answers with it, and the runtime's download client ({@code ctx.upload}) its answers.
 * {@link dev.oncell.sandbox.http.HttpHead} reads and writes a head (start line and header fields);
 * {@link dev.oncell.sandbox.http.RequestLine} and {@link dev.oncell.sandbox.http.StatusLine} check
 * start lines; {@link dev.oncell.sandbox.http.BodyFraming} says how a body ends and {@link
 * dev.oncell.sandbox.http.HttpBody} reads it, decoding chunks.
 *
 * <p>Invariants: a head is read byte by byte and never past its empty line, so the bytes after it
 * (a body, a tunnel) stay in the stream; every head and body is read within a limit, exceeded with
 * an exception before the bytes over it are buffered; anything a reader could take two ways
 * (obsolete line folding, a bare CR, a NUL, a space before a colon, a repeated or non-numeric
 * {@code Content-Length}) is refused with a {@link dev.oncell.sandbox.http.HttpFormatException}
 * saying what; nothing can be written that would not read back as the same head (no CR, LF or NUL
 * in a start line or field). Depends on the JDK only.
 */
package dev.oncell.sandbox.http;
