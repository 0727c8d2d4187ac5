// Every slash command, one file each. Add a command by writing its file and one line below.
import type { PermissionFlagsBits, RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { Library } from "../src/core/answers.ts";
import type { Reply } from "../src/core/reply.ts";
import type { Logger } from "../src/log.ts";
import type { AnniversaryStore } from "../src/storage/anniversaries.ts";
import { aboutCommand } from "./about.ts";
import { anniversariesCommand } from "./anniversaries.ts";
import { treatyCommand } from "./treaty.ts";
import { whoCommand } from "./who.ts";

/** The options of one invocation, however it arrived (Discord or the local console). */
export interface CommandInput {
  subcommand: string | null;
  string(name: string): string | null;
  /** A channel option: its id and Discord channel type. Absent outside a server (the local console). */
  channel?(name: string): { id: string; type: number } | null;
  /** Which of these permissions the bot lacks in a channel of this server. Absent outside a server. */
  missingBotPermissions?(channelId: string, needed: readonly BotPermission[]): Promise<BotPermission[]>;
}

/** A Discord permission by its flag name, e.g. "SendMessages". */
export type BotPermission = keyof typeof PermissionFlagsBits;

export interface CommandContext {
  library: Library;
  now: Date;
  guildId: string | null;
  log: Logger;
  /** Where people report a wrong fact. */
  reportTo: string;
  /** Per-server anniversary schedules; absent where there are no servers (the local console). */
  anniversaries?: AnniversaryStore;
  /** Why the anniversary storage is unavailable or read-only, when it is. */
  storageProblem?: string;
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

export const commands: readonly Command[] = [treatyCommand, whoCommand, anniversariesCommand, aboutCommand];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.definition.name, c]));
