/**
 * The {@code oncell} command line (picocli). {@link dev.oncell.cli.Main} is the entry point; every
 * other command is a small class that turns options into one {@link dev.oncell.client.OncellClient}
 * call and prints the result.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Commands never read {@code System.getenv}, {@code user.home}, {@code System.in} or {@code
 *       System.out} directly: they get a {@link dev.oncell.cli.CliEnvironment} from the root {@link
 *       dev.oncell.cli.Main}, so tests run them against a temporary home and captured streams. Text
 *       goes to picocli's {@code getOut()}/{@code getErr()} writers.
 *   <li>Data is printed as an aligned table by default and as the server's JSON with {@code
 *       --json}.
 *   <li>A failure prints exactly one line, {@code oncell: <message> (<code>)}, to stderr (plus a
 *       stack trace only with {@code ONCELL_DEBUG=1}). Exit codes: 1 API error or other failure, 2
 *       usage error, 3 server unreachable (or an event stream cut before the run's result); {@code
 *       shell} exits with the remote command's code; {@code run}, {@code stream} and {@code runs
 *       events} exit 1 when the run did not succeed, printing the same one error line.
 * </ul>
 */
package dev.oncell.cli;
