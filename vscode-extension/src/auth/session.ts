import { OncellError } from "../api/errors";

/** The subset of VS Code's `SecretStorage` used here, so sign-in can be tested without an editor. */
export interface SecretStore {
  get(key: string): Thenable<string | undefined> | Promise<string | undefined>;
  store(key: string, value: string): Thenable<void> | Promise<void>;
  delete(key: string): Thenable<void> | Promise<void>;
}

/** Where the last server URL is remembered (not secret; a setting or global state). */
export interface UrlMemory {
  get(): string | undefined;
  set(url: string | undefined): Thenable<void> | Promise<void>;
}

/** Checks the token against the server before anything is stored. */
export type Verifier = (url: string, token: string) => Promise<void>;

export interface Session {
  readonly url: string;
  readonly token: string;
}

const SECRET_PREFIX = "oncell.token:";

/**
 * Sign-in state: the URL in ordinary memory, the token only in secret storage, keyed by URL so
 * that two servers never share one. A token is stored only after the server accepted it.
 */
export class Sessions {
  constructor(
    private readonly secrets: SecretStore,
    private readonly urls: UrlMemory,
    private readonly verify: Verifier,
  ) {}

  /** Validates, verifies against the server, then stores. Nothing is stored when any step fails. */
  async signIn(rawUrl: string, rawToken: string): Promise<Session> {
    const url = normalizeUrl(rawUrl);
    const token = checkToken(rawToken);
    await this.verify(url, token);
    const previous = this.urls.get();
    if (previous !== undefined && previous !== url) {
      await this.secrets.delete(SECRET_PREFIX + previous);
    }
    await this.secrets.store(SECRET_PREFIX + url, token);
    await this.urls.set(url);
    return { url, token };
  }

  /** The stored session, if one is. */
  async current(): Promise<Session | undefined> {
    const url = this.urls.get();
    if (!url) {
      return undefined;
    }
    const token = await this.secrets.get(SECRET_PREFIX + url);
    return token ? { url, token } : undefined;
  }

  /** Removes the token from secret storage and forgets the URL. */
  async signOut(): Promise<void> {
    const url = this.urls.get();
    if (url) {
      await this.secrets.delete(SECRET_PREFIX + url);
    }
    await this.urls.set(undefined);
  }
}

/** An http(s) URL with no user info, query or fragment, without a trailing slash. */
export function normalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new OncellError("invalid_url", `'${raw.trim()}' is not a URL (try http://127.0.0.1:8080)`, 400);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OncellError("invalid_url", `the server URL must start with http:// or https://`, 400);
  }
  if (url.username || url.password) {
    throw new OncellError("invalid_url", "put the token in the token field, not in the URL", 400);
  }
  if (url.search || url.hash) {
    throw new OncellError("invalid_url", "the server URL must not have a query or fragment", 400);
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

/** A token as pasted: surrounding blanks trimmed; anything that could not be an API key refused. */
export function checkToken(raw: string): string {
  const token = raw.trim();
  if (token.length === 0) {
    throw new OncellError("invalid_token", "the token is empty", 400);
  }
  if (token.length > 4096) {
    throw new OncellError("invalid_token", "the token is too long to be an oncell key", 400);
  }
  // printable ASCII without blanks, as HTTP headers need
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new OncellError("invalid_token", "the token has blanks or characters an API key never has", 400);
  }
  return token;
}
