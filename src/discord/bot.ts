// The Discord front end: a discord.js client (Guilds intent only) wired to the router and the anniversary ticker.
import { Client, DiscordAPIError, Events, GatewayIntentBits, RESTJSONErrorCodes, Routes, type APIMessage, type ClientOptions } from "discord.js";
import { commandsByName, type Command } from "../../commands/index.ts";
import type { Config } from "../config.ts";
import type { Library } from "../core/answers.ts";
import type { Logger } from "../log.ts";
import type { MessagePayload } from "../render/embed.ts";
import { AnniversaryScheduler, type PostOutcome } from "../schedule/anniversaries.ts";
import { AnniversaryStore } from "../storage/anniversaries.ts";
import { openStorage } from "../storage/database.ts";
import { createRouter } from "./router.ts";

export interface BotDeps {
  config: Pick<Config, "DISCORD_TOKEN" | "DISCORD_API_BASE" | "REPORT_URL" | "DATABASE_PATH">;
  library: Library;
  log: Logger;
  /** Tests swap in their own commands, client options or clock; the bot itself uses the defaults. */
  commands?: ReadonlyMap<string, Command>;
  clientOptions?: Partial<ClientOptions>;
  deferAfterMs?: number;
  now?: () => Date;
}

export interface RunningBot {
  client: Client;
  /** Null when the database could not be opened for writing: then nothing is scheduled. */
  anniversaries: AnniversaryScheduler | null;
  stop(): Promise<void>;
}

/** Posts a message through REST, telling a vanished channel and a refusal apart from other errors (which throw). */
function channelPoster(client: Client) {
  return async (channelId: string, message: MessagePayload): Promise<PostOutcome> => {
    try {
      const body = { embeds: message.embeds, allowed_mentions: message.allowedMentions, ...(message.content ? { content: message.content } : {}) };
      const sent = (await client.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
      return { kind: "sent", messageId: sent.id };
    } catch (err) {
      if (!(err instanceof DiscordAPIError)) throw err;
      if (err.status === 404 && err.code === RESTJSONErrorCodes.UnknownChannel) return { kind: "channel-gone", detail: `${err.code} ${err.message}` };
      if (err.status === 403) return { kind: "forbidden", detail: `${err.code} ${err.message}` };
      throw err;
    }
  };
}

export async function startBot(deps: BotDeps, { handleSignals = true } = {}): Promise<RunningBot> {
  const { config, library, log } = deps;
  const storage = openStorage(config.DATABASE_PATH);
  if (storage.problem) log.error({ database: config.DATABASE_PATH, problem: storage.problem }, "anniversary storage unavailable; /treaty and /who said still answer");
  const store = storage.db ? new AnniversaryStore(storage.db) : null;
  // discord.js reads SHARDS and SHARD_COUNT from the environment, as its ShardingManager sets them for a shard
  // process; outside one, our SHARD_COUNT ("auto") is the operator's setting, not a count for the client.
  if (process.env.SHARDING_MANAGER !== "true") delete process.env.SHARD_COUNT;
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...deps.clientOptions, rest: { api: config.DISCORD_API_BASE, ...deps.clientOptions?.rest } });
  const footer = `Data ${library.catalog.version} · /about to report a mistake`;
  // With a read-only or missing database nothing is posted: a post that cannot be recorded could be posted twice.
  const writable = storage.problem ? null : store;
  const anniversaries = writable ? new AnniversaryScheduler({
    store: writable,
    catalog: library.catalog,
    send: channelPoster(client),
    log,
    // Each shard posts for the servers it holds, so several shards never split or double the work.
    serves: (guildId) => client.guilds.cache.get(guildId)?.available === true,
    footer,
    ...(deps.now ? { now: deps.now } : {}),
  }) : null;
  const route = createRouter({
    commands: deps.commands ?? commandsByName,
    library,
    log,
    reportTo: config.REPORT_URL,
    footer,
    ...(store ? { anniversaries: store } : {}),
    ...(storage.problem ? { storageProblem: storage.problem } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.deferAfterMs !== undefined ? { deferAfterMs: deps.deferAfterMs } : {}),
  });
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const work = route(interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.once(Events.ClientReady, (c) => {
    log.info({ user: c.user.tag, guilds: c.guilds.cache.size, database: config.DATABASE_PATH }, "connected to Discord");
    anniversaries?.start();
  });
  // Only a real departure (kicked, left, server deleted) arrives here; an outage is Events.GuildUnavailable.
  client.on(Events.GuildDelete, (guild) => {
    if (writable?.forgetGuild(guild.id)) log.info({ guildId: guild.id }, "left a server; its anniversary schedule was removed");
  });
  client.on(Events.ChannelDelete, (channel) => {
    if (!writable) return;
    const guilds = writable.forgetChannel(channel.id);
    if (guilds.length) log.info({ channelId: channel.id, guilds }, "anniversary channel deleted; its schedule was removed");
  });
  client.on(Events.Error, (err) => log.error({ err }, "client error"));
  client.on(Events.ShardError, (err, shardId) => log.warn({ err, shardId }, "gateway connection error"));

  let stopping = false;
  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await anniversaries?.stop();
    await Promise.allSettled([...inFlight]);
    await client.destroy();
    storage.db?.close();
    log.info("stopped");
  }
  if (handleSignals) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
  }
  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (err) {
    await stop();
    throw err;
  }
  return { client, anniversaries, stop };
}
