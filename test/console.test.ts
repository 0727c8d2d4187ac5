import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { scratchDatabase } from "./support/scratch.ts";

/** `npm start` with no DISCORD_TOKEN: the local console, fed lines on standard input. */
function consoleSession(lines: string[]) {
  const scratch = scratchDatabase();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: scratch.path, LOG_LEVEL: "warn" };
  delete env.DISCORD_TOKEN;
  try {
    return spawnSync(process.execPath, ["src/cli/launch.mjs", "src/main.ts"], { input: `${lines.join("\n")}\n`, encoding: "utf8", timeout: 60_000, env });
  } finally {
    scratch.remove();
  }
}

describe("the local console (no Discord token)", () => {
  it("answers the commands as typed in Discord, option names included, and exits at the end of input", () => {
    const r = consoleSession(["/treaty cfe", "/who said quote:cornerstone for european security", "/treaty name:inf", "/who said who won the world cup", "/nonsense", "help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Treaty on Conventional Armed Forces in Europe/);
    expect(r.stdout).toMatch(/Stoltenberg/);
    expect(r.stdout).toMatch(/Intermediate-Range Nuclear Forces/);
    expect(r.stdout).toMatch(/No quote in the collection fits "who won the world cup"/);
    expect(r.stdout).toMatch(/Unknown command/);
    expect(r.stdout).toMatch(/\/anniversaries/);
  });
});
