import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../commands/index.ts";
import { startFakeDiscord, type FakeDiscord } from "./fake-discord/index.ts";
import { TEST_TOKEN } from "./support/bot.ts";

type Option = { name: string; description: string; options?: Option[]; choices?: unknown[] };

function* allOptions(options: readonly Option[] = []): Generator<Option> {
  for (const o of options) {
    yield o;
    yield* allOptions(o.options);
  }
}

describe("command definitions", () => {
  it("respect Discord's naming and size limits", () => {
    const names = new Set<string>();
    for (const c of commands) {
      const d = c.definition;
      expect(d.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(names.has(d.name)).toBe(false);
      names.add(d.name);
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.description.length).toBeLessThanOrEqual(100);
      expect((d.options ?? []).length).toBeLessThanOrEqual(25);
      for (const o of allOptions(d.options as Option[])) {
        expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it("give every command a handler, and autocomplete to every option that asks for it", () => {
    for (const c of commands) {
      expect(typeof c.run).toBe("function");
      const wantsAutocomplete = [...allOptions(c.definition.options as Option[])].some((o) => "autocomplete" in o && o.autocomplete);
      expect(typeof c.autocomplete === "function").toBe(wantsAutocomplete);
    }
  });
});

describe("npm run deploy-commands", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN });
  });
  afterAll(async () => {
    await fake.close();
  });

  // Asynchronous: the fake Discord answers from this same process, so the test must not block while the script runs.
  const deploy = (env: Record<string, string>) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", "src/discord/deploy.ts"], { env: { ...process.env, DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: "silent", ...env }, timeout: 30_000 }, (err, stdout, stderr) =>
        resolve({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it("overwrites the development guild's commands in bulk when DISCORD_GUILD_ID is set", async () => {
    const r = await deploy({ DISCORD_CLIENT_ID: fake.applicationId, DISCORD_GUILD_ID: "123456789012345678" });
    expect(r.status).toBe(0);
    const put = fake.calls.find((c) => c.method === "PUT" && c.path === `/applications/${fake.applicationId}/guilds/123456789012345678/commands`);
    expect((put?.body as { name: string }[]).map((c) => c.name)).toEqual(commands.map((c) => c.definition.name));
  });

  it("registers globally without a guild, and says clearly what is missing", async () => {
    expect((await deploy({ DISCORD_CLIENT_ID: fake.applicationId, DISCORD_GUILD_ID: "" })).status).toBe(0);
    expect(fake.calls.some((c) => c.method === "PUT" && c.path === `/applications/${fake.applicationId}/commands`)).toBe(true);
    const missing = await deploy({ DISCORD_CLIENT_ID: "" });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/DISCORD_CLIENT_ID: is required/);
    expect(missing.stderr + missing.stdout).not.toContain(TEST_TOKEN);
  });
});
