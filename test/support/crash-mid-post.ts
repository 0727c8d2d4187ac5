// Run as its own process by test/crash.test.ts: claims today's post, then dies by SIGKILL while "sending" it.
import { Writable } from "node:stream";
import { loadCatalog } from "../../src/catalog/load.ts";
import { createLogger } from "../../src/log.ts";
import { AnniversaryScheduler } from "../../src/schedule/anniversaries.ts";
import { AnniversaryStore } from "../../src/storage/anniversaries.ts";
import { openDatabase } from "../../src/storage/database.ts";

const [path, now] = process.argv.slice(2);
const scheduler = new AnniversaryScheduler({
  store: new AnniversaryStore(openDatabase(path!)),
  catalog: loadCatalog(),
  log: createLogger("silent", new Writable({ write: (_c, _e, done) => done() })),
  serves: () => true,
  send: () => {
    process.kill(process.pid, "SIGKILL");
    return new Promise(() => {});
  },
});
await scheduler.tick(new Date(now!));
