import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autocomplete, chatInput } from "./fake-discord/interactions.ts";
import { startBotAgainstFake, TEST_TOKEN, type BotUnderTest, type CallbackBody } from "./support/bot.ts";
import { LIMITS } from "../src/render/embed.ts";
import { HOSTILE } from "./support/hostile.ts";


let t: BotUnderTest;
beforeAll(async () => {
  t = await startBotAgainstFake();
});
afterAll(async () => {
  await t?.stop();
});

const send = (payload: { id: string; token: string }): Promise<CallbackBody> => t.answer(payload);

function expectSafe(body: CallbackBody) {
  expect(body.data?.allowed_mentions ?? { parse: [] }).toEqual({ parse: [] });
  const shown = JSON.stringify(body.data ?? {});
  expect(shown).not.toMatch(/@(everyone|here)|<[@#][!&]?\d/);
  expect(shown).not.toContain(TEST_TOKEN);
  for (const e of body.data?.embeds ?? []) {
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  for (const c of body.data?.choices ?? []) {
    expect(c.name.length).toBeGreaterThan(0);
    expect(c.name.length).toBeLessThanOrEqual(100);
    expect(c.value.length).toBeLessThanOrEqual(100);
  }
}

describe("hostile input through Discord", () => {
  it.each(HOSTILE.map((s, i) => [i, s] as const))("answers hostile input #%i politely, within limits, pinging no one", async (_i, input) => {
    for (const payload of [
      chatInput({ name: "treaty", options: { name: input } }),
      chatInput({ name: "who", subcommand: "said", options: { quote: input } }),
      autocomplete({ name: "treaty", options: [{ name: "name", value: input, focused: true }] }),
      chatInput({ name: "anniversaries", subcommand: "preview", options: { date: input } }),
      autocomplete({ name: "anniversaries", subcommand: "set", options: [{ name: "timezone", value: input, focused: true }] }),
    ]) {
      const body = await send(payload);
      expect([4, 8]).toContain(body.type);
      expectSafe(body);
    }
  });

  it("answers option values of the wrong type without crashing", async () => {
    const body = await send(chatInput({ name: "treaty", options: [{ name: "name", value: 42, type: 4 }] }));
    expect(body.type).toBe(4);
    expectSafe(body);
    const missing = await send(chatInput({ name: "treaty", options: [] }));
    expect(missing.type).toBe(4);
  });

  it("survives random text in every command (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 400 }), async (input) => {
        expectSafe(await send(chatInput({ name: "treaty", options: { name: input } })));
        expectSafe(await send(autocomplete({ name: "treaty", options: [{ name: "name", value: input, focused: true }] })));
      }),
      { numRuns: 40 },
    );
  });
});
