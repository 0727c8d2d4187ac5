// The real bot against a misbehaving Discord: dropped gateway connections, zombie heartbeats,
// rate limits and server errors on REST, and a burst of interactions all at once.
import { Events } from "discord.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callbackOf, FAST_IDENTIFY, type RecordedCall } from "./fake-discord/index.ts";
import { autocomplete, chatInput } from "./fake-discord/interactions.ts";
import { startBotAgainstFake, TEST_TOKEN, type BotUnderTest, type CallbackBody } from "./support/bot.ts";

type Payload = { id: string; token: string };

const succeeded = (c: RecordedCall) => c.status >= 200 && c.status < 300;

/** Sends an interaction and resolves with the body of its first successful callback. */
async function ask(t: BotUnderTest, payload: Payload, timeoutMs = 10_000): Promise<CallbackBody> {
  t.fake.sendInteraction(payload);
  return (await t.fake.waitForCall((c) => callbackOf(payload)(c) && succeeded(c), timeoutMs)).body as CallbackBody;
}

/** The CFE answer, as proof that the whole path (gateway in, router, REST out) works. */
function expectCfe(body: CallbackBody): void {
  expect(body.type).toBe(4);
  expect(body.data?.embeds?.[0]?.title).toMatch(/^CFE: Treaty on Conventional Armed Forces in Europe/);
}

const cfe = () => chatInput({ name: "treaty", options: { name: "cfe" } });

/** Resolves on the next `event` from the client, or rejects after `ms`. */
function nextEvent(t: BotUnderTest, event: Events.ShardResume | Events.ShardReady | Events.ShardReconnecting, ms = 10_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      t.bot.client.off(event, done);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    function done() {
      clearTimeout(timer);
      resolve();
    }
    t.bot.client.once(event, done);
  });
}

describe("gateway faults", () => {
  let t: BotUnderTest;
  beforeAll(async () => {
    // A short heartbeat makes a zombie connection show up within a fraction of a second.
    t = await startBotAgainstFake({ fake: { heartbeatInterval: 200 }, clientOptions: FAST_IDENTIFY });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("resumes after a resumable close (4000), replays what it missed and keeps answering", async () => {
    const { identifies, resumes } = t.fake;
    const resumed = nextEvent(t, Events.ShardResume);
    t.fake.closeGateway(4000);
    // Sent while the socket is down: the fake buffers it and replays it on RESUME.
    const missed = cfe();
    t.fake.sendInteraction(missed);
    await resumed;
    expect(t.fake.resumes).toBe(resumes + 1);
    expect(t.fake.identifies).toBe(identifies);
    expectCfe((await t.fake.waitForCall(callbackOf(missed), 10_000)).body as CallbackBody);
    expectCfe(await ask(t, cfe()));
    expect(t.fake.calls.filter(callbackOf(missed))).toHaveLength(1);
  });

  it.each([
    [4007, "invalid seq"],
    [4009, "session timed out"],
  ])("re-identifies after a non-resumable close (%i, %s) and keeps answering", async (code) => {
    const { identifies } = t.fake;
    const ready = nextEvent(t, Events.ShardReady);
    t.fake.closeGateway(code);
    await ready;
    await t.fake.waitForReady();
    expect(t.fake.identifies).toBe(identifies + 1);
    expectCfe(await ask(t, cfe()));
  });

  it("detects a zombie connection (heartbeats unanswered), reconnects and answers once acknowledged again", async () => {
    const before = t.fake.identifies + t.fake.resumes;
    const reconnecting = nextEvent(t, Events.ShardReconnecting);
    t.fake.setIgnoreHeartbeats(true);
    const duringZombie = cfe();
    t.fake.sendInteraction(duringZombie);
    try {
      await reconnecting;
    } finally {
      t.fake.setIgnoreHeartbeats(false);
    }
    await vi.waitFor(() => expect(t.fake.identifies + t.fake.resumes).toBeGreaterThan(before), { timeout: 5000, interval: 20 });
    await t.fake.waitForReady();
    expectCfe(await ask(t, cfe()));
    // Whether it arrived before the drop or was replayed after it, the interaction is answered exactly once.
    const answers = await vi.waitFor(
      () => {
        const found = t.fake.calls.filter((c) => callbackOf(duringZombie)(c) && succeeded(c));
        expect(found.length).toBeGreaterThan(0);
        return found;
      },
      { timeout: 5000, interval: 20 },
    );
    expect(answers).toHaveLength(1);
    expect(t.bot.client.isReady()).toBe(true);
  });
});

describe("REST faults and load", () => {
  let t: BotUnderTest;
  beforeAll(async () => {
    t = await startBotAgainstFake();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("waits out a 429 on the interaction callback, then answers exactly once", async () => {
    const payload = cfe();
    t.fake.failNext({ method: "POST", pathIncludes: `/interactions/${payload.id}/` }, 429, { retry_after: 0.3 });
    expectCfe(await ask(t, payload));
    const calls = t.fake.calls.filter(callbackOf(payload));
    expect(calls.map((c) => c.status)).toEqual([429, 204]);
    // retry_after is 0.3 s: the retry must not come early.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(280);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.fake.calls.filter((c) => callbackOf(payload)(c) && succeeded(c))).toHaveLength(1);
  });

  it("survives 500s on the callback: logs without the token, apologises, keeps answering", async () => {
    const payload = cfe();
    // discord.js retries a 5xx three times; four failures make the reply itself fail.
    t.fake.failNext({ method: "POST", pathIncludes: `/interactions/${payload.id}/` }, 500, undefined, undefined, 4);
    const apology = await ask(t, payload);
    expect(apology.data?.embeds?.[0]?.title).toBe("Something went wrong");
    expect(t.fake.calls.filter(callbackOf(payload)).map((c) => c.status)).toEqual([500, 500, 500, 500, 204]);
    const line = t.logs.find((l) => l.includes("interaction failed") && l.includes(payload.id));
    expect(line).toBeDefined();
    const logged = JSON.parse(line!) as { err: { type: string; status: number; url: string } };
    expect(logged.err).toMatchObject({ type: "HTTPError", status: 500 });
    // Neither the bot token nor the interaction token (valid for 15 minutes) reaches the log.
    expect(logged.err.url).toContain(`/interactions/${payload.id}/[token]/callback`);
    expect(t.logs.filter((l) => l.includes(TEST_TOKEN) || l.includes(payload.token))).toEqual([]);
    expectCfe(await ask(t, cfe()));
  });

  it("survives a callback that keeps failing (the apology too), and answers the next interaction", async () => {
    const payload = cfe();
    t.fake.failNext({ method: "POST", pathIncludes: `/interactions/${payload.id}/` }, 500, undefined, undefined, 8);
    t.fake.sendInteraction(payload);
    await vi.waitFor(() => expect(t.logs.some((l) => l.includes("could not send the apology"))).toBe(true), { timeout: 10_000, interval: 20 });
    expect(t.fake.calls.filter(callbackOf(payload)).map((c) => c.status)).toEqual(Array(8).fill(500));
    expectCfe(await ask(t, cfe()));
    expect(t.bot.client.isReady()).toBe(true);
    expect(t.logs.filter((l) => l.includes(TEST_TOKEN) || l.includes(payload.token))).toEqual([]);
  });

  it("answers every one of 2,000 interactions sent in one burst, each exactly once", async () => {
    const queries = ["cfe", "inf", "new start", "pizza", "ДРСМД", "open skies", "conventinal forces", "npt", "salt"];
    const sentAt = new Map<string, number>();
    const payloads: Payload[] = [];
    for (let i = 0; i < 2000; i++) {
      const q = queries[i % queries.length]!;
      payloads.push(
        i % 3 === 2
          ? autocomplete({ name: "treaty", options: [{ name: "name", value: q.slice(0, 4), focused: true }] })
          : chatInput({ name: "treaty", options: { name: q } }),
      );
    }
    const failuresBefore = t.logs.filter((l) => l.includes("interaction failed")).length;
    const started = Date.now();
    for (const p of payloads) {
      sentAt.set(p.token, Date.now());
      t.fake.sendInteraction(p);
    }
    const tokenOf = (c: RecordedCall) => (c.method === "POST" && c.path.startsWith("/interactions/") && c.path.endsWith("/callback") ? c.path.split("/")[3] : undefined);
    const answered = () => t.fake.calls.filter((c) => sentAt.has(tokenOf(c) ?? "")).length;
    await vi.waitFor(() => expect(answered()).toBeGreaterThanOrEqual(payloads.length), { timeout: 40_000, interval: 50 });
    const wallMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 100)); // a late duplicate would show up here

    const byToken = new Map<string, RecordedCall[]>();
    for (const c of t.fake.calls) {
      const token = tokenOf(c);
      if (token && sentAt.has(token)) byToken.set(token, [...(byToken.get(token) ?? []), c]);
    }
    const notExactlyOnce = payloads.filter((p) => byToken.get(p.token)?.length !== 1).map((p) => p.id);
    expect(notExactlyOnce).toEqual([]);
    expect([...byToken.values()].flat().filter((c) => !succeeded(c))).toEqual([]);
    expect(t.logs.filter((l) => l.includes("interaction failed")).length).toBe(failuresBefore);
    expect(t.bot.client.isReady()).toBe(true);

    const ms = payloads.map((p) => byToken.get(p.token)![0]!.at - sentAt.get(p.token)!).sort((a, b) => a - b);
    const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
    console.log(`burst of ${payloads.length}: all answered in ${wallMs} ms; dispatch → callback p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${ms.at(-1)} ms`);
  }, 45_000);
});
