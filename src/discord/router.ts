// One dispatcher for every interaction: look up the command, answer, and never leave Discord's "interaction failed".
import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction, InteractionReplyOptions } from "discord.js";
import { ApplicationCommandOptionType, MessageFlags } from "discord.js";
import type { BotPermission, Command, CommandContext, CommandInput } from "../../commands/index.ts";
import type { Library } from "../core/answers.ts";
import { truncate } from "../core/text.ts";
import type { Logger } from "../log.ts";
import { noticeMessage, renderMessage, type MessagePayload } from "../render/embed.ts";
import type { AnniversaryStore } from "../storage/anniversaries.ts";

/** Past this, the reply is deferred first so Discord's 3-second window is never missed. */
const DEFER_AFTER_MS = 2000;

export interface RouterDeps {
  commands: ReadonlyMap<string, Command>;
  library: Library;
  log: Logger;
  reportTo: string;
  /** The embed footer: the data version and where to report a mistake. */
  footer: string;
  anniversaries?: AnniversaryStore;
  /** Why storage is unavailable or read-only, when it is. */
  storageProblem?: string;
  now?: () => Date;
  /** Defaults to DEFER_AFTER_MS; tests shorten it. */
  deferAfterMs?: number;
}

function toReplyOptions(p: MessagePayload): InteractionReplyOptions {
  return { embeds: p.embeds, allowedMentions: p.allowedMentions, ...(p.content ? { content: p.content } : {}), ...(p.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/**
 * A REST error fit for the log: its URL carries the interaction token (a credential for 15 minutes), which is masked.
 * Other errors are returned as they are.
 */
function forLog(err: unknown): unknown {
  if (!(err instanceof Error) || !("url" in err) || typeof err.url !== "string") return err;
  const url = err.url.replace(/\/(interactions\/\d+|webhooks\/\d+)\/[^/?]+/g, "/$1/[token]");
  return Object.assign(Object.create(Object.getPrototypeOf(err) as object) as Error, err, { message: err.message, stack: err.stack, url });
}

/** The options of a slash command, and what the bot may do in a channel of the server it came from. */
function inputOf(interaction: ChatInputCommandInteraction): CommandInput {
  const guild = interaction.guild;
  return {
    subcommand: interaction.options.getSubcommand(false),
    string: (name) => {
      try {
        return interaction.options.getString(name);
      } catch {
        return null; // an option of another type under this name: treat as missing
      }
    },
    ...(guild && {
      channel: (name: string) => {
        const option = interaction.options.get(name);
        if (option?.type !== ApplicationCommandOptionType.Channel || typeof option.value !== "string") return null;
        const type = option.channel?.type ?? guild.channels.cache.get(option.value)?.type;
        return type === undefined ? null : { id: option.value, type };
      },
      // From this shard's cache of roles and overwrites: the interaction's own app_permissions cover only the channel it was typed in.
      missingBotPermissions: async (channelId: string, needed: readonly BotPermission[]) => {
        const channel = guild.channels.cache.get(channelId);
        const me = guild.members.me ?? (await guild.members.fetchMe());
        const granted = channel?.permissionsFor(me);
        return granted ? granted.missing([...needed]) : [...needed];
      },
    }),
  };
}

export function createRouter(deps: RouterDeps): (interaction: Interaction) => Promise<void> {
  const context = (guildId: string | null): CommandContext => ({
    library: deps.library,
    now: deps.now?.() ?? new Date(),
    guildId,
    log: deps.log,
    reportTo: deps.reportTo,
    ...(deps.anniversaries ? { anniversaries: deps.anniversaries } : {}),
    ...(deps.storageProblem ? { storageProblem: deps.storageProblem } : {}),
  });

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = deps.commands.get(interaction.commandName);
    const focused = interaction.options.getFocused(true);
    let choices: { name: string; value: string }[] = [];
    try {
      choices = command?.autocomplete?.(context(interaction.guildId), { name: focused.name, value: String(focused.value ?? "") }) ?? [];
    } catch (err) {
      deps.log.error({ err, command: { name: interaction.commandName } }, "autocomplete failed");
    }
    await interaction.respond(choices.slice(0, 25).map((c) => ({ name: truncate(c.name, 100), value: truncate(c.value, 100) })));
  }

  async function chatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = deps.commands.get(interaction.commandName);
    const started = performance.now();
    if (!command) {
      await interaction.reply(toReplyOptions(noticeMessage({ type: "notice", tone: "error", title: "Unknown command", text: "This command is not one the bot knows. It may have been removed; try /about." })));
      return;
    }
    // Defer if the answer is slow, so Discord never shows "interaction failed"; then edit the deferred reply.
    let deferred: Promise<unknown> | null = null;
    const timer = setTimeout(() => {
      deferred = interaction.deferReply().catch((err: unknown) => deps.log.warn({ err: forLog(err) }, "defer failed"));
    }, deps.deferAfterMs ?? DEFER_AFTER_MS);
    try {
      const reply = await command.run(context(interaction.guildId), inputOf(interaction));
      clearTimeout(timer);
      const message = toReplyOptions(renderMessage(reply, deps.footer));
      if (deferred) {
        await deferred;
        const { flags: _ephemeralOnlyAtDefer, ...edit } = message;
        await interaction.editReply(edit);
      } else {
        await interaction.reply(message);
      }
      deps.log.info({ command: { name: interaction.commandName }, guildId: interaction.guildId, ms: Math.round(performance.now() - started) }, "answered");
    } catch (err) {
      clearTimeout(timer);
      throw err;
    }
  }

  return async (interaction) => {
    try {
      if (interaction.isAutocomplete()) await autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await chatInput(interaction);
    } catch (err) {
      deps.log.error({ err: forLog(err), interactionId: interaction.id, userId: interaction.user.id }, "interaction failed");
      if (!interaction.isRepliable()) return;
      const apology = toReplyOptions(noticeMessage({ type: "notice", tone: "error", title: "Something went wrong", text: "Sorry, the bot hit an error answering that. It has been logged; please try again in a moment." }));
      try {
        if (interaction.deferred || interaction.replied) await interaction.followUp(apology);
        else await interaction.reply(apology);
      } catch (inner) {
        deps.log.warn({ err: forLog(inner) }, "could not send the apology");
      }
    }
  };
}
