// The Discord front end: a discord.js client (Guilds intent only) wired to the router.
import { Client, Events, GatewayIntentBits, type ClientOptions } from "discord.js";
import { commandsByName, type Command } from "../../commands/index.ts";
import type { Config } from "../config.ts";
import type { Library } from "../core/answers.ts";
import type { Logger } from "../log.ts";
import { createRouter } from "./router.ts";

export interface BotDeps {
  config: Pick<Config, "DISCORD_TOKEN" | "DISCORD_API_BASE" | "REPORT_URL">;
  library: Library;
  log: Logger;
  /** Tests swap in their own commands or client options; the bot itself uses the defaults. */
  commands?: ReadonlyMap<string, Command>;
  clientOptions?: Partial<ClientOptions>;
  deferAfterMs?: number;
}

export interface RunningBot {
  client: Client;
  stop(): Promise<void>;
}

export async function startBot(deps: BotDeps, { handleSignals = true } = {}): Promise<RunningBot> {
  const { config, library, log } = deps;
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...deps.clientOptions, rest: { api: config.DISCORD_API_BASE, ...deps.clientOptions?.rest } });
  const route = createRouter({ commands: deps.commands ?? commandsByName, library, log, reportTo: config.REPORT_URL, ...(deps.deferAfterMs !== undefined ? { deferAfterMs: deps.deferAfterMs } : {}) });
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const work = route(interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.once(Events.ClientReady, (c) => log.info({ user: c.user.tag, guilds: c.guilds.cache.size }, "connected to Discord"));
  client.on(Events.Error, (err) => log.error({ err }, "client error"));
  client.on(Events.ShardError, (err, shardId) => log.warn({ err, shardId }, "gateway connection error"));

  let stopping = false;
  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled([...inFlight]);
    await client.destroy();
    log.info("stopped");
  }
  if (handleSignals) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
  }
  await client.login(config.DISCORD_TOKEN);
  return { client, stop };
}
