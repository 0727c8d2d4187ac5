// npm run deploy-commands: registers every slash command (a bulk overwrite), to the development guild when set.
import { REST, Routes } from "discord.js";
import { commands } from "../../commands/index.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger, registerSecret } from "../log.ts";

try {
  const config = await loadConfig();
  registerSecret(config.DISCORD_TOKEN);
  const log = createLogger(config.LOG_LEVEL);
  const missing = [!config.DISCORD_TOKEN && "DISCORD_TOKEN", !config.DISCORD_CLIENT_ID && "DISCORD_CLIENT_ID"].filter(Boolean);
  if (missing.length) throw new ConfigError(missing.map((m) => `${m}: is required to register commands`));
  const rest = new REST({ api: config.DISCORD_API_BASE }).setToken(config.DISCORD_TOKEN!);
  const body = commands.map((c) => c.definition);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID!, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_CLIENT_ID!);
  await rest.put(route, { body });
  log.info({ count: body.length, scope: config.DISCORD_GUILD_ID ? `guild ${config.DISCORD_GUILD_ID}` : "global" }, "commands registered");
  console.log(`Registered ${body.length} commands ${config.DISCORD_GUILD_ID ? `in guild ${config.DISCORD_GUILD_ID} (instant)` : "globally (may take up to an hour to appear)"}.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
