import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "../commands/index.ts";
import { commandsByName } from "../commands/index.ts";
import type { APIEmbed } from "discord-api-types/v10";
import { expectWithinLimits } from "./support/embeds.ts";
import { autocomplete, chatInput } from "./fake-discord/interactions.ts";
import { startBotAgainstFake, TEST_TOKEN, type BotUnderTest, type CallbackBody } from "./support/bot.ts";

let t: BotUnderTest;

const explode: Command = {
  definition: { name: "explode", description: "always fails" },
  run() {
    throw new Error(`kaboom while holding ${TEST_TOKEN}`);
  },
};
const slow: Command = {
  definition: { name: "slow", description: "takes its time" },
  async run(ctx) {
    await new Promise((r) => setTimeout(r, 150));
    return { type: "notice", tone: "info", title: "Done", text: `slow answer for ${ctx.guildId}` };
  },
};

beforeAll(async () => {
  const commands = new Map([...commandsByName, ["explode", explode], ["slow", slow]]);
  t = await startBotAgainstFake({ commands, deferAfterMs: 50 });
});
afterAll(async () => {
  await t?.stop();
});

const ask = (payload: { id: string; token: string }): Promise<CallbackBody> => t.answer(payload);

const expectWithinEmbedLimits = (body: CallbackBody) => expectWithinLimits((body.data?.embeds ?? []) as APIEmbed[]);

describe("the bot on Discord", () => {
  it("answers /treaty cfe with a sourced embed and no mentions", async () => {
    const body = await ask(chatInput({ name: "treaty", options: { name: "cfe" } }));
    expect(body.type).toBe(4);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    const embed = body.data?.embeds?.[0];
    expect(embed?.title).toMatch(/^CFE: Treaty on Conventional Armed Forces in Europe/);
    const fields = Object.fromEntries((embed?.fields ?? []).map((f) => [f.name.replace(/ \(.*\)$/, ""), f.value]));
    expect(fields.Signed).toMatch(/^1990-11-19/);
    expect(embed?.description).toMatch(/Key events[^]*`2023-11-07` Russia/);
    expect(fields.Sources).toMatch(/\]\(https?:\/\//);
    expect(embed?.description).toMatch(/\[\[\d+\]\]\(https?:\/\//);
    expectWithinEmbedLimits(body);
  });

  it("suggests treaties as the user types, within Discord's autocomplete limits", async () => {
    const body = await ask(autocomplete({ name: "treaty", options: [{ name: "name", value: "conven", focused: true }] }));
    expect(body.type).toBe(8);
    const choices = body.data?.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain("cfe");
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it("answers a picked autocomplete value (a treaty id) with that treaty", async () => {
    const body = await ask(chatInput({ name: "treaty", options: { name: "new-start" } }));
    expect(body.data?.embeds?.[0]?.title).toMatch(/^New START/);
  });

  it("tells the user politely when nothing matches an off-topic query", async () => {
    const body = await ask(chatInput({ name: "treaty", options: { name: "pizza" } }));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.embeds?.[0]?.title).toBe("No treaty found");
    expect(body.data?.embeds?.[0]?.description).toContain("pizza");
  });

  it("echoes a query full of mentions and markdown without pinging or formatting", async () => {
    const body = await ask(chatInput({ name: "treaty", options: { name: "@everyone @here <@123456789012345678> <@&123456789012345678> **bold** [x](https://evil.example)" } }));
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(body.data?.embeds);
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@&\d/);
    expect(text).not.toContain("**bold**");
    const description = body.data?.embeds?.[0]?.description ?? "";
    expect(description).toContain("x](https://evil.example)");
    expect(description).not.toMatch(/(?<!\\)\[x\]\(https/);
  });

  it("answers /who said and /about", async () => {
    const who = await ask(chatInput({ name: "who", subcommand: "said", options: { quote: "relations with the United States are below zero" } }));
    expect(who.data?.embeds?.[0]?.title).toMatch(/Who said it: /);
    expectWithinEmbedLimits(who);
    const about = await ask(chatInput({ name: "about" }));
    expect(about.data?.embeds?.[0]?.title).toBe("About the treaty bot");
    expect(JSON.stringify(about.data)).toMatch(/44 treaties/);
  });

  it("apologises for a bug instead of letting the interaction fail, and logs it without the token", async () => {
    const body = await ask(chatInput({ name: "explode" }));
    expect(body.data?.embeds?.[0]?.title).toBe("Something went wrong");
    expect(JSON.stringify(body)).not.toContain(TEST_TOKEN);
    const line = t.logs.find((l) => l.includes("interaction failed"));
    expect(line).toBeDefined();
    expect(line).toContain("kaboom");
    expect(line).toContain("[REDACTED]");
  });

  it("defers slow work first, then edits the reply", async () => {
    const payload = chatInput({ name: "slow" });
    const first = await ask(payload);
    expect(first.type).toBe(5);
    const edit = await t.fake.waitForCall((c) => c.method === "PATCH" && c.path.endsWith(`/${payload.token}/messages/@original`), 10_000);
    expect(JSON.stringify(edit.body)).toContain("slow answer");
  });

  it("answers an unknown command with a clear message", async () => {
    const body = await ask(chatInput({ name: "nosuchcommand" }));
    expect(body.data?.embeds?.[0]?.title).toBe("Unknown command");
  });

  it("never writes the token to any log line", () => {
    expect(t.logs.length).toBeGreaterThan(0);
    expect(t.logs.filter((l) => l.includes(TEST_TOKEN))).toEqual([]);
  });
});
