// The local console: the bot's commands typed in a terminal, answered by the same command modules as Discord.
import { createInterface } from "node:readline";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { commands, commandsByName, type CommandContext, type CommandInput } from "../commands/index.ts";
import type { Library } from "./core/answers.ts";
import type { Reply } from "./core/reply.ts";
import type { Logger } from "./log.ts";
import { renderText } from "./render/terminal.ts";

const CONSOLE_HELP = `Type a command as you would in Discord, for example:
  /treaty cfe          /treaty new start        /treaty ДРСМД
  /who said cornerstone for european security
  /anniversaries preview 11-07   (daily posts themselves are set up in a Discord server)
  /about               help                     quit`;

/** Turns "/who said some words" into a command and its input: the words fill the (sub)command's first text option. */
function parseConsoleLine(line: string): { name: string; input: CommandInput } | null {
  const [head = "", ...rest] = line.trim().replace(/^\//, "").split(/\s+/);
  const command = commandsByName.get(head.toLowerCase());
  if (!command) return null;
  const options = command.definition.options ?? [];
  // The subcommand named first on the line, else the command's first one ("/who some words" is "/who said some words").
  const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const named = subcommands.find((o) => o.name === rest[0]?.toLowerCase());
  if (named) rest.shift();
  const sub = named ?? subcommands[0];
  const fields = sub ? (("options" in sub ? sub.options : undefined) ?? []) : options;
  const first = fields.find((o) => o.type === ApplicationCommandOptionType.String);
  // Discord's own way of typing an option works too: "/who said quote:trust but verify", "/treaty name:cfe".
  const typed = rest.join(" ");
  const prefix = first && `${first.name}:`;
  const text = prefix && typed.toLowerCase().startsWith(prefix) ? typed.slice(prefix.length).trimStart() : typed;
  return { name: command.definition.name, input: { subcommand: sub?.name ?? null, string: (n) => (first && n === first.name ? text : null) } };
}

async function answerConsoleLine(line: string, ctx: CommandContext): Promise<string | null> {
  const trimmed = line.trim();
  if (trimmed === "") return null;
  if (/^\/?(help|\?)$/i.test(trimmed)) return `${CONSOLE_HELP}\nCommands: ${commands.map((c) => `/${c.definition.name}`).join(", ")}`;
  const parsed = parseConsoleLine(trimmed);
  if (!parsed) return `Unknown command. ${CONSOLE_HELP}`;
  const reply: Reply = await commandsByName.get(parsed.name)!.run(ctx, parsed.input);
  return renderText(reply);
}

export async function runConsole(library: Library, log: Logger, reportTo: string): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  if (interactive) console.log(`No DISCORD_TOKEN set: running the local console.\n${CONSOLE_HELP}\n`);
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, prompt: "treaty> ", terminal: interactive });
  if (interactive) rl.prompt();
  for await (const line of rl) {
    if (/^\/?(quit|exit)$/i.test(line.trim())) break;
    try {
      const out = await answerConsoleLine(line, { library, now: new Date(), guildId: null, log, reportTo });
      if (out) console.log(`${out}\n`);
    } catch (err) {
      log.error({ err }, "console command failed");
      console.log("Sorry, something went wrong answering that. It has been logged.");
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
