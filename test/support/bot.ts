// Starts the real bot (discord.js and all) against the fake Discord, with logs captured for assertions.
import { Writable } from "node:stream";
import { Events, type ClientOptions } from "discord.js";
import type { Command } from "../../commands/index.ts";
import { startBot, type RunningBot } from "../../src/discord/bot.ts";
import { createLogger, registerSecret } from "../../src/log.ts";
import { callbackOf, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "../fake-discord/index.ts";
import { realLibrary } from "./library.ts";
import { scratchDatabase } from "./scratch.ts";

export const TEST_TOKEN = "MTEST0000000000000000.secret-test-token.abcdefghij";

export interface BotUnderTest {
  fake: FakeDiscord;
  bot: RunningBot;
  logs: string[];
  /** Sends an interaction as Discord would and resolves with the bot's callback body. */
  answer(payload: { id: string; token: string }): Promise<CallbackBody>;
  stop(): Promise<void>;
}

export async function startBotAgainstFake(
  opts: {
    fake?: FakeDiscordOptions;
    commands?: ReadonlyMap<string, Command>;
    deferAfterMs?: number;
    /** Default: a fresh file in a temporary folder, removed on stop. */
    databasePath?: string;
    now?: () => Date;
    /** Passed to the discord.js Client (e.g. `ws` options); see FAST_IDENTIFY. */
    clientOptions?: Partial<ClientOptions>;
  } = {},
): Promise<BotUnderTest> {
  const fake = await startFakeDiscord({ token: TEST_TOKEN, ...opts.fake });
  const scratch = opts.databasePath ? null : scratchDatabase();
  const databasePath = opts.databasePath ?? scratch!.path;
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  registerSecret(TEST_TOKEN);
  const log = createLogger("debug", sink);
  const bot = await startBot(
    {
      config: { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase, REPORT_URL: "Tell the operators.", DATABASE_PATH: databasePath },
      library: realLibrary(),
      log,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.commands ? { commands: opts.commands } : {}),
      ...(opts.deferAfterMs !== undefined ? { deferAfterMs: opts.deferAfterMs } : {}),
      ...(opts.clientOptions ? { clientOptions: opts.clientOptions } : {}),
    },
    { handleSignals: false },
  );
  if (!bot.client.isReady()) await new Promise<void>((resolve) => bot.client.once(Events.ClientReady, () => resolve()));
  await fake.waitForReady();
  return {
    fake,
    bot,
    logs,
    async answer(payload) {
      fake.sendInteraction(payload);
      return (await fake.waitForCall(callbackOf(payload), 10_000)).body as CallbackBody;
    },
    async stop() {
      await bot.stop();
      await fake.close();
      scratch?.remove();
    },
  };
}

/** The interaction callback body the bot sent, typed loosely for assertions. */
export interface CallbackBody {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    allowed_mentions?: { parse: string[] };
    embeds?: Array<{ title?: string; description?: string; url?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } }>;
    choices?: Array<{ name: string; value: string }>;
  };
}
