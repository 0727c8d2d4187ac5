// npm run -s ask -- <treaty|who-said|on-this-day> <words...> [--json] [--batch]
// Answers like the bot, for a terminal or a script. Never loads discord.js.
import { once } from "node:events";
import { loadCatalog } from "../catalog/load.ts";
import { anniversariesOn, findTreaty, openLibrary, whoSaid, type Library } from "../core/answers.ts";
import { onThisDayJson, treatyJson, whoSaidJson } from "../render/json.ts";
import { renderText } from "../render/terminal.ts";
import { isBlank, type Reply } from "../core/reply.ts";
import { parseMonthDay, todayMonthDay } from "../core/dates.ts";

const USAGE = `Usage: npm run -s ask -- <command> <words...> [--json] [--batch]
Commands:
  treaty <words>          a treaty by name, abbreviation or alias (e.g. "treaty cfe")
  who-said <words>        who said a quote, from a fragment or paraphrase
  on-this-day [MM-DD]     anniversaries of a day (default: today)
Options:
  --json                  print one JSON object
  --json --batch          read one query per line on standard input, print one JSON line each`;

type CommandName = "treaty" | "who-said" | "on-this-day";

function answer(library: Library, command: CommandName, query: string, now: Date): { reply: Reply; json: object } {
  switch (command) {
    case "treaty": {
      const reply = findTreaty(library, query);
      return { reply, json: treatyJson(reply) };
    }
    case "who-said": {
      const reply = whoSaid(library, query);
      return { reply, json: whoSaidJson(reply) };
    }
    case "on-this-day": {
      const md = isBlank(query) ? todayMonthDay(now) : parseMonthDay(query);
      if (md === null) {
        const reply: Reply = { type: "notice", tone: "error", title: "Not a date", text: `"${query.trim().slice(0, 40)}" is not a day of the year: use MM-DD, e.g. 11-07.` };
        return { reply, json: { date: query.trim().slice(0, 40), events: [], error: reply.text } };
      }
      const reply = anniversariesOn(library.catalog, md, now);
      return { reply, json: onThisDayJson(reply) };
    }
  }
}

/** Standard input split on "\n" alone (a stray "\r" or U+2028 inside a line does not make two answers), "\r\n" allowed. */
async function* stdinLines(): AsyncGenerator<string> {
  let rest = "";
  process.stdin.setEncoding("utf8");
  for await (const chunk of process.stdin as AsyncIterable<string>) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    for (const p of parts) yield p.endsWith("\r") ? p.slice(0, -1) : p;
  }
  if (rest !== "") yield rest.endsWith("\r") ? rest.slice(0, -1) : rest;
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const words = argv.filter((a) => !a.startsWith("--"));
  const [command, ...rest] = words;
  if (flags.has("--help") || !command) {
    console.log(USAGE);
    return command || flags.has("--help") ? 0 : 2;
  }
  if (command !== "treaty" && command !== "who-said" && command !== "on-this-day") {
    console.error(`Unknown command "${command}".\n${USAGE}`);
    return 2;
  }
  const json = flags.has("--json");
  const library = openLibrary(loadCatalog());
  const now = new Date();

  if (flags.has("--batch")) {
    const out: string[] = [];
    // Waits for the pipe to drain, so a large batch streams instead of piling up in memory.
    const flush = async () => {
      if (out.length && !process.stdout.write(`${out.join("\n")}\n`)) await once(process.stdout, "drain");
      out.length = 0;
    };
    for await (const line of stdinLines()) {
      const { reply, json: obj } = answer(library, command, line, now);
      out.push(json ? JSON.stringify(obj) : renderText(reply).replace(/\n/g, " | "));
      if (out.length >= 256) await flush();
    }
    await flush();
    return 0;
  }
  const { reply, json: obj } = answer(library, command, rest.join(" "), now);
  console.log(json ? JSON.stringify(obj) : renderText(reply));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
