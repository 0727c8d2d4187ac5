// npm start: with DISCORD_TOKEN, the Discord bot; without it, the local console. Same answers either way.
import { loadCatalog, DataError } from "./catalog/load.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openLibrary } from "./core/answers.ts";
import { createLogger, registerSecret } from "./log.ts";

async function main(): Promise<void> {
  const config = await loadConfig();
  registerSecret(config.DISCORD_TOKEN);
  const log = createLogger(config.DISCORD_TOKEN ? config.LOG_LEVEL : process.env.LOG_LEVEL ? config.LOG_LEVEL : "warn");
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
  if (err instanceof ConfigError || err instanceof DataError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exitCode = 1;
});
