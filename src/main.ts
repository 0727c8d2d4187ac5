// npm start: with DISCORD_TOKEN, the Discord bot; without it, the local console. Same answers either way.
import { loadCatalog, DataError } from "./catalog/load.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openLibrary } from "./core/answers.ts";
import { createLogger, redact, registerSecret } from "./log.ts";

async function main(): Promise<void> {
  const config = await loadConfig();
  registerSecret(config.DISCORD_TOKEN);
  const log = createLogger(config.DISCORD_TOKEN ? config.LOG_LEVEL : process.env.LOG_LEVEL ? config.LOG_LEVEL : "warn");

  // SHARD_COUNT=N: this process only manages N shard processes, each of which runs this file again as one shard.
  if (config.DISCORD_TOKEN && config.SHARD_COUNT !== "auto" && process.env.SHARDING_MANAGER !== "true") {
    loadCatalog(); // a data error stops the start here, once, rather than in every shard
    const { runShards } = await import("./discord/shards.ts");
    await runShards({ token: config.DISCORD_TOKEN, totalShards: config.SHARD_COUNT, entry: import.meta.url, log, spawnDelayMs: config.SHARD_SPAWN_DELAY_MS });
    return;
  }

  const catalog = loadCatalog();
  const library = openLibrary(catalog);
  log.info({ treaties: catalog.treaties.length, quotes: catalog.quotes.length, version: catalog.version }, "catalog loaded");
  if (!config.DISCORD_TOKEN) {
    const { runConsole } = await import("./console.ts");
    await runConsole(library, log, config.REPORT_URL);
    return;
  }
  const { startBot } = await import("./discord/bot.ts");
  await startBot({ config, library, log });
}

main().catch((err: unknown) => {
  // Known problems get their one-line-per-problem message; anything else its stack, with secrets scrubbed.
  const known = err instanceof ConfigError || err instanceof DataError;
  console.error(redact(known ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)));
  process.exitCode = 1;
});
