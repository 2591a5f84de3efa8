/**
 * An error answered by the oncell server (`{"error":{"code","message"}}`) or met on the way to it.
 * The message never carries the API token: requests put it only in a header, and {@link redact}
 * scrubs it from anything else that could echo it.
 */
export class OncellError extends Error {
  constructor(
    /** The server's snake_case code, or a client-side one such as `unreachable`. */
    readonly code: string,
    message: string,
    /** HTTP status, 0 when no answer came. */
    readonly status: number,
  ) {
    super(message);
    this.name = "OncellError";
  }

  /** Whether trying again later may help (server down, busy). */
  get transient(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** Replaces every occurrence of `secret` in `text`; a no-op for an empty secret. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) {
    return text;
  }
  return text.split(secret).join("***");
}

/** Builds the error for a non-2xx answer from its body, falling back to the status line. */
export function errorFromAnswer(status: number, body: string, token: string | undefined): OncellError {
  let code = `http_${status}`;
  let message = `the server answered ${status}`;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code === "string") {
      code = parsed.error.code;
    }
    if (typeof parsed.error?.message === "string") {
      message = parsed.error.message;
    }
  } catch {
    // not JSON: keep the status line
  }
  if (status === 401) {
    message = `sign-in refused: the token is wrong, revoked or expired (${message})`;
  }
  return new OncellError(code, redact(message, token), status);
}
