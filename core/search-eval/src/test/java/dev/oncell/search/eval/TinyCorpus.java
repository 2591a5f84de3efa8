package dev.oncell.search.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small built-in corpus of Java and JavaScript files with doc comments, and bug reports on it.
 */
final class TinyCorpus {

  static final Map<String, String> FILES =
      Map.of(
          "auth/TokenVerifier.java",
          """
          package auth;

          public final class TokenVerifier {

            /**
             * Verifies the signature and expiry date of a JSON web token.
             *
             * @param token the bearer token
             */
            public boolean verifyToken(String token) {
              Jws<Claims> jws = parser.parseSignedClaims(token);
              return jws.getPayload().getExpiration().after(now());
            }

            /** Refreshes the signing keys from the identity provider's key set. */
            void refreshKeys() {
              keys = provider.fetchKeySet();
            }
          }
          """,
          "csv/CsvParser.java",
          """
          package csv;

          final class CsvParser {

            /** Splits one line of a CSV file into its fields, honouring quotes. */
            static List<String> parseLine(String line) {
              List<String> fields = new ArrayList<>();
              boolean quoted = false;
              for (char c : line.toCharArray()) {
                if (c == '"') quoted = !quoted;
              }
              return fields;
            }
          }
          """,
          "util/retry.js",
          """
          /**
           * Calls the function again after a delay when it throws, up to a number of attempts.
           */
          function retryWithBackoff(fn, attempts, delayMs) {
            for (let i = 0; i < attempts; i++) {
              try { return fn(); } catch (e) { sleep(delayMs * 2 ** i); }
            }
          }

          /** Waits for the given number of milliseconds before resolving the promise. */
          const sleep = (ms) => {
            return new Promise((resolve) => setTimeout(resolve, ms));
          };
          """,
          "util/format.js",
          """
          /** Formats a byte count as a human readable size with one decimal. */
          function formatBytes(bytes) {
            const units = ['B', 'KB', 'MB', 'GB'];
            let i = 0;
            while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i++; }
            return bytes.toFixed(1) + ' ' + units[i];
          }
          """,
          "http/Router.java",
          """
          package http;

          final class Router {

            /** Finds the handler registered for the request's method and path pattern. */
            Handler route(Request request) {
              for (Route route : routes) {
                if (route.matches(request.method(), request.path())) {
                  return route.handler();
                }
              }
              return NOT_FOUND;
            }
          }
          """);

  static final List<BugReports.Report> REPORTS =
      List.of(
          new BugReports.Report(
              "expired-token",
              "auth/TokenVerifier.java",
              "public boolean verifyToken(String token)",
              "Users with an expired JWT are still let in. The expiration check compares with"
                  + " the wrong clock.\nat auth.TokenVerifier.verifyToken"),
          new BugReports.Report(
              "bytes-rounding",
              "util/format.js",
              "function formatBytes(bytes)",
              "File sizes above a terabyte show as thousands of GB instead of TB."),
          new BugReports.Report(
              "not-in-corpus", "missing/File.java", "void gone()", "This one is skipped."));

  private TinyCorpus() {}

  static void write(Path dir) throws IOException {
    for (Map.Entry<String, String> file : FILES.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
  }
}
