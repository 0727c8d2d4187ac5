// Every slash command, one file each. Add a command by writing its file and one line below.
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { Library } from "../src/core/answers.ts";
import type { Reply } from "../src/core/reply.ts";
import type { Logger } from "../src/log.ts";
import { aboutCommand } from "./about.ts";
import { treatyCommand } from "./treaty.ts";
import { whoCommand } from "./who.ts";

/** The options of one invocation, however it arrived (Discord or the local console). */
export interface CommandInput {
  subcommand: string | null;
  string(name: string): string | null;
}

export interface CommandContext {
  library: Library;
  now: Date;
  guildId: string | null;
  log: Logger;
  /** Where people report a wrong fact. */
  reportTo: string;
}

export interface Choice {
  name: string;
  value: string;
}

export interface Command {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  run(ctx: CommandContext, input: CommandInput): Reply | Promise<Reply>;
  autocomplete?(ctx: CommandContext, focused: { name: string; value: string }): Choice[];
}

export const commands: readonly Command[] = [treatyCommand, whoCommand, aboutCommand];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.definition.name, c]));
