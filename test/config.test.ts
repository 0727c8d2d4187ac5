import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.ts";
import { createLogger, redact, registerSecret } from "../src/log.ts";

describe("configuration", () => {
  it("has sensible defaults when nothing is set", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ DISCORD_API_BASE: "https://discord.com/api", DATABASE_PATH: "var/treaty-bot.sqlite", LOG_LEVEL: "info", SHARD_COUNT: "auto" });
    expect(config.DISCORD_TOKEN).toBeUndefined();
  });

  it("names each bad variable on its own line, never echoing a value", () => {
    const secret = "short-secret";
    try {
      parseConfig({ DISCORD_TOKEN: secret, DISCORD_CLIENT_ID: "abc", DISCORD_API_BASE: "ftp://x", LOG_LEVEL: "loud", SHARD_COUNT: "0" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const lines = (err as ConfigError).lines;
      expect(lines.map((l) => l.split(":")[0])).toEqual(["DISCORD_TOKEN", "DISCORD_CLIENT_ID", "DISCORD_API_BASE", "LOG_LEVEL", "SHARD_COUNT"]);
      expect((err as Error).message).not.toContain(secret);
    }
  });

  it("accepts a REST base on loopback and trims its trailing slash; a number of shards", () => {
    expect(parseConfig({ DISCORD_API_BASE: "http://127.0.0.1:8080/api/", SHARD_COUNT: "2" })).toMatchObject({ DISCORD_API_BASE: "http://127.0.0.1:8080/api", SHARD_COUNT: 2 });
  });
});

describe("secrets", () => {
  it("are scrubbed from every log line, wherever they hide", () => {
    const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.token-value-xyz";
    registerSecret(token);
    const lines: string[] = [];
    const log = createLogger("info", new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));
    log.info({ token, headers: { authorization: `Bot ${token}` }, nested: { url: `https://x.example/?t=${token}` } }, `message with ${token}`);
    log.error({ err: new Error(`failed with ${token}`) }, "boom");
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).not.toContain(token);
    expect(redact(`a ${token} b`)).toBe("a [REDACTED] b");
  });
});
