/**
 * The JSON shapes of the HTTP API (v1), one record per object: the server writes the answers and
 * this client reads them, both with Jackson; this client writes the request bodies and the server
 * allows exactly their fields. A field can only change on both sides at once. They are the wire,
 * not the client's API: {@code dev.oncell.client} turns them into its own records ({@code
 * Customer}, {@code Run}, ...), and client users need not touch them.
 *
 * <p>Invariants: a record's components are the object's fields, in the order the server writes
 * them; a component that may be {@code null} is written as JSON {@code null} unless it is marked
 * {@code @JsonInclude(NON_NULL)}, when it is left out; instants are ISO-8601 strings ({@link
 * java.time.Instant#toString()}); unknown fields are ignored when reading, so a newer server can
 * add fields. Depends on {@code jackson-databind} only.
 */
package dev.oncell.client.wire;
