/**
 * An example agent plugin: answers questions about a customer's sales CSV with shell tools run in
 * the customer's cell.
 *
 * <p>Invariants: {@code data/sales.csv} always starts with the header {@code
 * date,region,product,units,revenue} and every line ends in a newline (setup checks and rewrites
 * it); the command for a question depends on the question alone, so a replayed run makes the same
 * calls.
 */
package dev.oncell.examples.analysis;
