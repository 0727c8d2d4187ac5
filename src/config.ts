// The environment, parsed once at the edge (dotenv + zod). A bad variable stops the start with one line per problem.
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const Env = z.object({
  DISCORD_TOKEN: optional(z.string().min(20, "looks too short to be a bot token")),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_BASE: optional(z.url({ protocol: /^https?$/ })).transform((v) => (v ?? "https://discord.com/api").replace(/\/+$/, "")),
  DATABASE_PATH: optional(z.string().min(1)).transform((v) => v ?? "var/treaty-bot.sqlite"),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS)).transform((v) => v ?? "info"),
  SHARD_COUNT: optional(z.union([z.literal("auto"), z.coerce.number().int().min(1).max(1000)])).transform((v) => v ?? "auto"),
  SHARD_SPAWN_DELAY_MS: optional(z.coerce.number().int().min(0).max(60_000)).transform((v) => v ?? 5500),
  REPORT_URL: optional(z.string().min(1)).transform((v) => v ?? "Tell the bot's operators in this server, naming the treaty, the fact and a source."),
});

export type Config = z.infer<typeof Env>;

export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(`Configuration problems:\n${lines.join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses an environment; never echoes a variable's value (it may be a secret). */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = Env.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${String(i.path[0] ?? "environment")}: ${i.message}`));
}

/** Reads .env (if any) into process.env without overriding what is already set, then parses. */
export async function loadConfig(): Promise<Config> {
  const { config } = await import("dotenv");
  config({ quiet: true });
  return parseConfig(process.env);
}
