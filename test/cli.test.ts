import { spawnSync } from "node:child_process";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { HOSTILE } from "./support/hostile.ts";

const ask = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ["src/cli/launch.mjs", "src/cli/ask.ts", ...args], { input, encoding: "utf8", timeout: 60_000, env: { ...process.env, LOG_LEVEL: "warn" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("npm run ask", () => {
  it("answers treaty cfe with the JSON contract", () => {
    const r = ask(["treaty", "cfe", "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.query).toBe("cfe");
    expect(json.match).toMatchObject({ id: "cfe", abbreviation: "CFE", signed: "1990-11-19", status: expect.any(String) });
    expect(json.match.enteredIntoForce).toMatch(/^\d{4}(-\d{2}){0,2}$/);
    expect(json.match.sources.length).toBeGreaterThan(0);
    for (const s of json.match.sources) expect(s.url).toMatch(/^https?:\/\//);
    expect(Array.isArray(json.alternatives)).toBe(true);
  });

  it("answers an off-topic query with a null match", () => {
    expect(JSON.parse(ask(["treaty", "pizza", "--json"]).out)).toEqual({ query: "pizza", match: null, confidence: null, alternatives: [] });
  });

  it("prints readable text with a source list without --json", () => {
    const r = ask(["treaty", "inf"]);
    expect(r.out).toMatch(/^INF\b.*Intermediate-Range/);
    expect(r.out).toMatch(/Sources:\n\s+\[1\] .+ https?:\/\//);
  });

  it("answers --batch with exactly one JSON line per input line, whatever the line holds", () => {
    const lines = ["cfe", ...HOSTILE.map((h) => h.replace(/\r?\n/g, " ")), "carriage\rreturn\u2028separator", "pizza", "ДРСМД", "inf"];
    const r = ask(["treaty", "--json", "--batch"], `${lines.join("\n")}\n`);
    expect(r.code).toBe(0);
    const out = r.out.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    expect(out[0].match.id).toBe("cfe");
    expect(out.at(-1).match.id).toBe("inf");
    expect(out.at(-3).match).toBeNull();
    for (const kind of ["who-said", "on-this-day"]) {
      const r2 = ask([kind, "--json", "--batch"], `${lines.join("\n")}\n`);
      expect(r2.out.trimEnd().split("\n").map((l) => JSON.parse(l))).toHaveLength(lines.length);
    }
  });

  it("answers who-said and on-this-day in their JSON shapes", () => {
    const who = JSON.parse(ask(["who-said", "cornerstone", "for", "european", "security", "--json"]).out);
    expect(who).toHaveProperty("query", "cornerstone for european security");
    expect(who.match === null || typeof who.match.speaker === "string").toBe(true);
    const day = JSON.parse(ask(["on-this-day", "11-07", "--json"]).out);
    expect(day.date).toBe("11-07");
    expect(day.events.some((e: { treatyId: string; date: string }) => e.treatyId === "cfe" && e.date === "2023-11-07")).toBe(true);
    for (const e of day.events) expect(e.date).toMatch(/^\d{4}-11-07$/);
    const bad = JSON.parse(ask(["on-this-day", "13-45", "--json"]).out);
    expect(bad.events).toEqual([]);
    expect(bad.error).toMatch(/MM-DD/);
  });

  it("keeps logs out of standard output", () => {
    const r = ask(["treaty", "npt", "--json"]);
    expect(() => JSON.parse(r.out)).not.toThrow();
    expect(r.out.trim().split("\n")).toHaveLength(1);
  });

  it("never loads discord.js", async () => {
    const result = await build({ entryPoints: ["src/cli/ask.ts"], bundle: true, platform: "node", format: "esm", write: false, metafile: true, logLevel: "silent" });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes("node_modules/zod"))).toBe(true);
    expect(inputs.filter((p) => /node_modules\/(discord\.js|@discordjs\/(ws|rest))\//.test(p))).toEqual([]);
  });
});
