import { describe, expect, it } from "vitest";
import { OncellError } from "../src/api/errors";
import { SecretStore, Sessions, UrlMemory, checkToken, normalizeUrl } from "../src/auth/session";

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

class MemoryUrl implements UrlMemory {
  value: string | undefined;
  get() {
    return this.value;
  }
  async set(url: string | undefined) {
    this.value = url;
  }
}

function sessions(verify = async () => undefined) {
  const secrets = new MemorySecrets();
  const urls = new MemoryUrl();
  return { secrets, urls, sessions: new Sessions(secrets, urls, verify) };
}

describe("Sessions", () => {
  it("stores the token in secret storage only, and removes it on sign-out", async () => {
    const s = sessions();
    const session = await s.sessions.signIn(" http://127.0.0.1:8080/ ", "  key-123\n");
    expect(session).toEqual({ url: "http://127.0.0.1:8080", token: "key-123" });
    expect([...s.secrets.values.entries()]).toEqual([["oncell.token:http://127.0.0.1:8080", "key-123"]]);
    expect(s.urls.value).toBe("http://127.0.0.1:8080");
    expect(await s.sessions.current()).toEqual(session);
    await s.sessions.signOut();
    expect(s.secrets.values.size).toBe(0);
    expect(s.urls.value).toBeUndefined();
    expect(await s.sessions.current()).toBeUndefined();
  });

  it("stores nothing when the server refuses the token", async () => {
    const s = sessions(async () => {
      throw new OncellError("unauthorized", "sign-in refused", 401);
    });
    await expect(s.sessions.signIn("http://h:1", "bad")).rejects.toThrow("sign-in refused");
    expect(s.secrets.values.size).toBe(0);
    expect(s.urls.value).toBeUndefined();
  });

  it("drops the previous server's token when signing in elsewhere", async () => {
    const s = sessions();
    await s.sessions.signIn("http://a:1", "t1");
    await s.sessions.signIn("http://b:2", "t2");
    expect([...s.secrets.values.keys()]).toEqual(["oncell.token:http://b:2"]);
  });

  it("refuses bad input before asking the server", async () => {
    let asked = false;
    const s = sessions(async () => {
      asked = true;
    });
    for (const [url, token] of [
      ["ftp://h", "t"],
      ["not a url", "t"],
      ["http://user:pw@h:1", "t"],
      ["http://h:1?x=1", "t"],
      ["http://h:1", ""],
      ["http://h:1", "has blank"],
      ["http://h:1", "ключ"],
    ]) {
      await expect(s.sessions.signIn(url, token)).rejects.toBeInstanceOf(OncellError);
    }
    expect(asked).toBe(false);
    expect(s.secrets.values.size).toBe(0);
  });
});

describe("normalizeUrl and checkToken", () => {
  it("keeps a path prefix and drops trailing slashes", () => {
    expect(normalizeUrl("https://x.example/oncell//")).toBe("https://x.example/oncell");
  });
  it("does not echo a secret-looking URL's password", () => {
    try {
      normalizeUrl("http://u:secret@h");
    } catch (e) {
      expect(String(e)).not.toContain("secret");
    }
  });
  it("refuses an overlong token", () => {
    expect(() => checkToken("a".repeat(4097))).toThrow(/too long/);
  });
});
