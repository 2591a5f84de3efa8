/**
 * The benchmarks, kept out of the production CLI: {@link dev.oncell.bench.BenchMain} adds {@code
 * bench} (with {@code bench search}, {@code bench cells} and {@code bench git}) to the CLI's own
 * command tree, and {@code ./oncell bench ...} runs it. {@link dev.oncell.bench.GrepBenchmark} is a
 * plain {@code main} run by hand.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Every benchmark starts what it measures itself (a server on an ephemeral loopback port with
 *       a temporary {@code ONCELL_HOME}, or an index in a temporary folder) and deletes it after;
 *       it never touches a running server or {@code ~/.oncell}.
 *   <li>Options, help and error lines are the CLI's: a bad count is a usage error (exit 2, one line
 *       {@code oncell: <message> (invalid_argument)}).
 *   <li>Corpora ({@link dev.oncell.bench.BenchCorpus}) are deterministic: the JDK's own {@code
 *       lib/src.zip} in path order, or {@link dev.oncell.bench.SyntheticRepo} for a seed; the one
 *       generator serves {@code bench search}, {@code GrepBenchmark} and {@code bench git}'s
 *       repository ({@link dev.oncell.bench.GitHistory}).
 *   <li>A comparison runs both sides on the same input in the same rounds (for {@code bench git},
 *       JGit then the {@code git} command line, round by round), and the tables print the machine's
 *       core count and, where the load moves the numbers, its load average.
 * </ul>
 */
package dev.oncell.bench;
