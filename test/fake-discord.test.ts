import { afterEach, describe, expect, it, vi } from "vitest";
import { AttachmentBuilder, Client, Events, GatewayIntentBits, type ClientOptions, type TextChannel } from "discord.js";
import {
  callbackOf,
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  FAST_IDENTIFY,
  guildIdForShard,
  snowflake,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
} from "./fake-discord/index.ts";
import { autocomplete, chatInput } from "./fake-discord/interactions.ts";

const TOKEN = "TEST.TOKEN.x";
const TREATIES = ["New START", "INF Treaty", "NPT", "CTBT", "Open Skies"];

let fake: FakeDiscord | undefined;
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await fake?.close();
  fake = undefined;
});

async function start(opts?: FakeDiscordOptions): Promise<FakeDiscord> {
  fake = await startFakeDiscord(opts);
  return fake;
}

/** A real client wired to the fake, with a tiny bot behind it; resolves once discord.js emits ready. */
async function startClient(f: FakeDiscord, extra: Partial<ClientOptions> = {}): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: f.apiBase }, ...extra });
  clients.push(client);
  client.on(Events.InteractionCreate, async (interaction) => {
    if (interaction.isAutocomplete()) {
      const typed = interaction.options.getFocused().toLowerCase();
      await interaction.respond(
        TREATIES.filter((t) => t.toLowerCase().includes(typed)).map((t) => ({ name: t, value: t.toLowerCase() })),
      );
    } else if (interaction.isChatInputCommand()) {
      if (interaction.commandName === "echo") {
        await interaction.deferReply();
        await interaction.editReply({ content: `echo: ${interaction.options.getString("text", true)}` });
        await interaction.followUp({ content: "follow-up" });
      } else {
        await interaction.reply({ content: "pong", allowedMentions: { parse: [] } });
      }
    }
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(TOKEN);
  await ready;
  return client;
}


describe("fake discord", () => {
  it("serves a slash command to a real discord.js client", async () => {
    const f = await start();
    const client = await startClient(f);
    await f.waitForReady();

    const guild = client.guilds.cache.get(DEFAULT_GUILD_ID);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(DEFAULT_CHANNEL_ID)?.isTextBased()).toBe(true);
    expect(guild?.members.me?.id).toBe(f.botUserId);
    expect(client.user?.id).toBe(f.botUserId);
    expect(client.application?.id).toBe(f.applicationId);

    const payload = chatInput({ name: "ping" });
    f.sendInteraction(payload);
    const call = await f.waitForCall(callbackOf(payload));

    expect(call.query).toBe("with_response=false");
    expect(call.status).toBe(204);
    expect(call.body).toMatchObject({ type: 4, data: { content: "pong", allowed_mentions: { parse: [] } } });
    expect(call.headers["authorization"]).toBeUndefined();
    const gatewayCall = f.calls.find((c) => c.path === "/gateway/bot");
    expect(gatewayCall?.headers["authorization"]).toBe(`Bot ${TOKEN}`);
  });

  it("round-trips autocomplete", async () => {
    const f = await start();
    await startClient(f);

    const payload = autocomplete({ name: "treaty", options: { topic: "nuclear", name: "st" }, focused: "name" });
    expect(payload.data.options).toEqual([
      { name: "topic", type: 3, value: "nuclear" },
      { name: "name", type: 3, value: "st", focused: true },
    ]);
    f.sendInteraction(payload);
    const call = await f.waitForCall(callbackOf(payload));

    expect(call.body).toEqual({
      type: 8,
      data: { choices: [{ name: "New START", value: "new start" }] },
    });
  });

  it("handles deferred replies, edits, follow-ups, channel messages with files and command deploys", async () => {
    const f = await start();
    const client = await startClient(f);

    const payload = chatInput({ name: "echo", options: { text: "hello" } });
    f.sendInteraction(payload);
    const followUp = await f.waitForCall((c) => c.method === "POST" && c.path === `/webhooks/${f.applicationId}/${payload.token}`);
    expect(followUp.body).toMatchObject({ content: "follow-up" });
    const callback = f.calls.find(callbackOf(payload));
    expect(callback?.body).toMatchObject({ type: 5 });
    const edit = f.calls.find((c) => c.method === "PATCH" && c.path.endsWith("/messages/@original"));
    expect(edit?.body).toMatchObject({ content: "echo: hello" });

    const channel = (await client.channels.fetch(DEFAULT_CHANNEL_ID)) as TextChannel;
    const sent = await channel.send({
      content: "report",
      files: [new AttachmentBuilder(Buffer.from("a,b\n1,2\n"), { name: "data.csv" })],
    });
    expect(sent.content).toBe("report");
    expect(sent.author.id).toBe(f.botUserId);
    const upload = await f.waitForCall((c) => c.method === "POST" && c.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`);
    expect(upload.headers["content-type"]).toMatch(/^multipart\/form-data/);
    // discord.js lists uploads as attachments with ids "0", "1", ... matching form fields files[0], files[1], ...
    expect(upload.body).toMatchObject({ content: "report", attachments: [{ id: "0" }] });
    expect(sent.attachments.first()?.name).toBe("data.csv");
    expect(sent.attachments.first()?.size).toBe(8);
    expect(upload.files).toHaveLength(1);
    expect(upload.files[0]?.filename).toBe("data.csv");
    expect(upload.files[0]?.data.toString()).toBe("a,b\n1,2\n");

    await expect(client.channels.fetch(snowflake())).rejects.toMatchObject({ code: 10003 });

    const commands = await client.application!.commands.set([{ name: "ping", description: "Ping" }]);
    expect([...commands.values()].map((c) => c.name)).toEqual(["ping"]);
    const guildCommands = await client.application!.commands.set([{ name: "echo", description: "Echo" }], DEFAULT_GUILD_ID);
    expect(guildCommands.first()?.guildId).toBe(DEFAULT_GUILD_ID);
  });

  it("routes interactions to the shard that owns the guild", async () => {
    const guildA = guildIdForShard(0, 2);
    const guildB = guildIdForShard(1, 2);
    const channelA = snowflake();
    const channelB = snowflake();
    const f = await start({
      shards: 2,
      guilds: [
        { id: guildA, name: "A", channels: [{ id: channelA, name: "a" }] },
        { id: guildB, name: "B", channels: [{ id: channelB, name: "b" }] },
      ],
    });
    const [c0, c1] = await Promise.all([
      startClient(f, { shards: [0], shardCount: 2 }),
      startClient(f, { shards: [1], shardCount: 2 }),
    ]);
    await f.waitForReady();
    expect([...c0.guilds.cache.keys()]).toEqual([guildA]);
    expect([...c1.guilds.cache.keys()]).toEqual([guildB]);

    const seen: Record<string, string[]> = { c0: [], c1: [] };
    c0.on(Events.InteractionCreate, (i) => void seen["c0"]!.push(i.guildId ?? "dm"));
    c1.on(Events.InteractionCreate, (i) => void seen["c1"]!.push(i.guildId ?? "dm"));

    const payloads = [
      chatInput({ name: "ping", guildId: guildA, channelId: channelA }),
      chatInput({ name: "ping", guildId: guildB, channelId: channelB }),
      chatInput({ name: "ping", guildId: guildB, channelId: channelB }),
    ];
    for (const p of payloads) f.sendInteraction(p);
    await Promise.all(payloads.map((p) => f.waitForCall(callbackOf(p))));

    expect(seen).toEqual({ c0: [guildA], c1: [guildB, guildB] });
    expect(f.identifies).toBe(2);
  });

  it("resumes after close code 4000 and replays what was missed", async () => {
    const f = await start();
    const client = await startClient(f);
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));

    f.closeGateway(4000);
    // Sent while the socket is down: must be replayed on RESUME.
    const missed = chatInput({ name: "ping" });
    f.sendInteraction(missed);
    await resumed;

    expect(f.resumes).toBe(1);
    expect(f.identifies).toBe(1);
    expect((await f.waitForCall(callbackOf(missed))).body).toMatchObject({ data: { content: "pong" } });

    const after = chatInput({ name: "ping" });
    f.sendInteraction(after);
    expect((await f.waitForCall(callbackOf(after))).body).toMatchObject({ type: 4, data: { content: "pong" } });
  });

  it("answers a RESUME of a forgotten session with INVALID_SESSION, then the client re-identifies", async () => {
    const f = await start();
    // discord.js waits 5 s between IDENTIFYs of one client; a no-op throttler keeps this test fast.
    const client = await startClient(f, FAST_IDENTIFY);
    const readyAgain = new Promise<void>((resolve) => client.once(Events.ShardReady, () => resolve()));

    f.closeGateway(4009); // session timed out: discord.js tries to resume, the fake has forgotten it
    await readyAgain;

    expect(f.identifies).toBe(2);
    expect(f.resumes).toBe(0);
    const payload = chatInput({ name: "ping" });
    f.sendInteraction(payload);
    expect((await f.waitForCall(callbackOf(payload))).body).toMatchObject({ data: { content: "pong" } });
  });

  it("lets a zombie connection be detected and resumed", async () => {
    const f = await start({ heartbeatInterval: 150 });
    const client = await startClient(f);
    const reconnecting = new Promise<void>((resolve) => client.once(Events.ShardReconnecting, () => resolve()));

    f.setIgnoreHeartbeats(true);
    // discord.js notices the missing HEARTBEAT_ACK, closes with 4200 and reconnects.
    await reconnecting;
    f.setIgnoreHeartbeats(false);
    await vi.waitFor(() => expect(f.resumes).toBe(1), { timeout: 3000, interval: 20 });

    const payload = chatInput({ name: "ping" });
    f.sendInteraction(payload);
    expect((await f.waitForCall(callbackOf(payload))).body).toMatchObject({ data: { content: "pong" } });
  });

  it("retries rate-limited and failed REST calls", async () => {
    const f = await start();
    await startClient(f);

    f.failNext({ method: "POST", pathIncludes: "/callback" }, 429, { retry_after: 0.05 });
    const limited = chatInput({ name: "ping" });
    f.sendInteraction(limited);
    await vi.waitFor(() => expect(f.calls.filter(callbackOf(limited)).map((c) => c.status)).toEqual([429, 204]), {
      timeout: 3000,
      interval: 20,
    });

    f.failNext({ pathIncludes: "/callback" }, 500, undefined, undefined, 2);
    const flaky = chatInput({ name: "ping" });
    f.sendInteraction(flaky);
    await vi.waitFor(() => expect(f.calls.filter(callbackOf(flaky)).map((c) => c.status)).toEqual([500, 500, 204]), {
      timeout: 3000,
      interval: 20,
    });
  });

  it("stops for good on a non-resumable close code", async () => {
    const f = await start();
    const client = await startClient(f);
    client.on(Events.ShardError, () => {});
    const disconnected = new Promise<number>((resolve) => client.once(Events.ShardDisconnect, (event) => resolve(event.code)));
    f.closeGateway(4004);
    expect(await disconnected).toBe(4004);
    expect(() => f.sendInteraction(chatInput({ name: "ping" }))).toThrow(/no session/);
  });
});
