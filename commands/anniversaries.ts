import { ApplicationCommandOptionType, ApplicationCommandType, ChannelType, InteractionContextType, PermissionFlagsBits } from "discord-api-types/v10";
import { anniversariesOn, anniversariesOnLocalDate } from "../src/core/answers.ts";
import { parseMonthDay } from "../src/core/dates.ts";
import { addDays, localDay, parsePostTime, postInstant, resolveTimeZone, suggestTimeZones } from "../src/core/local-time.ts";
import type { NoticeReply, Reply } from "../src/core/reply.ts";
import { escapeUserText } from "../src/render/embed.ts";
import type { AnniversarySchedule, AnniversaryStore } from "../src/storage/anniversaries.ts";
import { describeStorageError } from "../src/storage/errors.ts";
import type { BotPermission, Command, CommandContext, CommandInput } from "./index.ts";

/** What the bot needs in the chosen channel to post an embed there. */
const NEEDED: readonly BotPermission[] = ["ViewChannel", "SendMessages", "EmbedLinks"];

const notice = (tone: NoticeReply["tone"], title: string, text: string): NoticeReply => ({ type: "notice", tone, title, text });
/** "Send Messages and Embed Links", bold when asked. */
const named = (permissions: readonly BotPermission[], bold = false) => {
  const names = permissions.map((p) => p.replace(/(?<=[a-z])(?=[A-Z])/g, " ")).map((n) => (bold ? `**${n}**` : n));
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
};

const NOT_IN_A_SERVER = notice(
  "info",
  "Only in a server",
  "Daily anniversary posts are set up per server: run `/anniversaries` in a server the bot is in (it needs the Manage Server permission).",
);

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The database is locked, read-only or damaged: say so plainly; the other commands are unaffected. */
function storageTrouble(problem: string): NoticeReply {
  return notice(
    "error",
    "Anniversary settings are unavailable",
    `${capitalize(problem)}, so the daily posts cannot be changed right now. Nothing already saved is lost, and \`/treaty\` and \`/who said\` still work. The bot's operator has the details in its log.`,
  );
}

/** The server a subcommand acts on, once we know we are in one. */
interface InServer {
  guildId: string;
  store: AnniversaryStore;
}

/** `/anniversaries set|off|status|preview`: a server's daily "on this day" post (Manage Server only). */
export const anniversariesCommand = {
  definition: {
    name: "anniversaries",
    description: "Daily posts of the day's arms-control anniversaries in a channel of your choice",
    type: ApplicationCommandType.ChatInput,
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        name: "set",
        description: "Post the day's anniversaries every day at a time in a channel",
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          { name: "channel", description: "Where to post", type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement], required: true },
          { name: "time", description: "Time of day, 24-hour HH:MM, e.g. 09:00", type: ApplicationCommandOptionType.String, required: true, max_length: 5 },
          { name: "timezone", description: "Time zone, e.g. Europe/Berlin or America/New_York", type: ApplicationCommandOptionType.String, required: true, autocomplete: true, max_length: 64 },
        ],
      },
      { name: "off", description: "Stop the daily posts (the settings are kept)", type: ApplicationCommandOptionType.Subcommand },
      { name: "status", description: "Show this server's schedule, the next post and the last one", type: ApplicationCommandOptionType.Subcommand },
      {
        name: "preview",
        description: "Show a day's post now",
        type: ApplicationCommandOptionType.Subcommand,
        options: [{ name: "date", description: "MM-DD, e.g. 11-07; today by default", type: ApplicationCommandOptionType.String, max_length: 5 }],
      },
    ],
  },
  async run(ctx, input) {
    try {
      if (input.subcommand === "preview") return preview(ctx, input);
      if (ctx.guildId && !ctx.anniversaries && ctx.storageProblem) return storageTrouble(ctx.storageProblem);
      if (!ctx.anniversaries || !ctx.guildId) return NOT_IN_A_SERVER;
      const server = { guildId: ctx.guildId, store: ctx.anniversaries };
      switch (input.subcommand) {
        case "set":
          return await set(ctx, server, input);
        case "off":
          return server.store.switchOff(server.guildId, ctx.now)
            ? notice("info", "Daily posts are off", "The settings are kept: `/anniversaries set` switches them back on.")
            : notice("info", "Daily posts were not on", "Nothing to switch off. `/anniversaries set` switches them on.");
        default: {
          const reply = await status(ctx, server, input);
          return ctx.storageProblem ? { ...reply, tone: "warning", text: `${reply.text}\n⚠️ ${capitalize(ctx.storageProblem)}: no posts go out and changes cannot be saved until the operator fixes it.` } : reply;
        }
      }
    } catch (err) {
      const problem = describeStorageError(err);
      if (problem) return storageTrouble(problem);
      throw err;
    }
  },
  autocomplete(ctx, focused) {
    if (focused.name !== "timezone") return [];
    return suggestTimeZones(focused.value, ctx.now).map((z) => ({ name: z.label, value: z.zone }));
  },
} satisfies Command;

async function set(ctx: CommandContext, server: InServer, input: CommandInput): Promise<NoticeReply> {
  const channel = input.channel?.("channel");
  if (!channel || !input.missingBotPermissions) return NOT_IN_A_SERVER;
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
    return notice("warning", "Pick a text channel", "Anniversary posts go to a text or announcement channel of this server.");
  }
  const timeText = input.string("time") ?? "";
  const postTime = parsePostTime(timeText);
  if (!postTime) {
    return notice("warning", "That is not a time of day", `“${escapeUserText(timeText, 20)}” is not a time on a 24-hour clock. Use HH:MM, for example 09:00 or 18:30.`);
  }
  const zoneText = input.string("timezone") ?? "";
  const timeZone = resolveTimeZone(zoneText);
  if (!timeZone) {
    const near = suggestTimeZones(zoneText.split(/[/\s]/).at(-1) ?? "", ctx.now, 3).map((z) => z.zone);
    return notice(
      "warning",
      "Unknown time zone",
      `“${escapeUserText(zoneText, 64)}” is not a time zone the bot knows. Pick one from the suggestions as you type, e.g. Europe/Berlin or America/New_York${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}.`,
    );
  }
  const missing = await input.missingBotPermissions(channel.id, NEEDED);
  if (missing.length) {
    return notice(
      "error",
      "The bot cannot post there",
      `The bot lacks ${named(missing, true)} in <#${channel.id}>, so it could not post there. ` +
        `Give its role ${named(NEEDED)} in that channel's permissions, then run \`/anniversaries set\` again. Nothing was changed.`,
    );
  }
  const schedule = { guildId: server.guildId, channelId: channel.id, postTime, timeZone };
  server.store.setSchedule(schedule, ctx.now);
  return notice(
    "info",
    "Daily posts are on",
    `Every day at **${postTime}** (${timeZone}) the bot posts the day's treaty anniversaries in <#${channel.id}>, each with its source. ` +
      `Days with nothing in the catalog get no post.\n${nextPostLine(ctx, server, schedule)}`,
  );
}

async function status(ctx: CommandContext, server: InServer, input: CommandInput): Promise<NoticeReply> {
  const s = server.store.schedule(server.guildId);
  if (!s) return notice("info", "Daily posts are off", "This server has no anniversary posts set up. `/anniversaries set` switches them on.");
  const where = `**${s.postTime}** (${s.timeZone}) in <#${s.channelId}>`;
  if (!s.enabled) return notice("info", "Daily posts are off", `They were last set to ${where}. \`/anniversaries set\` switches them back on.`);
  const lines = [`Every day at ${where}.`, nextPostLine(ctx, server, s)];
  const last = server.store.lastPost(server.guildId);
  if (last) {
    const outcome = {
      sent: last.messageId ? `[sent](https://discord.com/channels/${last.guildId}/${last.channelId}/${last.messageId})` : "sent",
      failed: `failed (${last.detail ?? "unknown error"})`,
      empty: "nothing in the catalog that day, so no post",
      claimed: "started, not confirmed",
    }[last.state];
    lines.push(`Last post: ${last.localDate}, ${outcome}.`);
  }
  const missing = (await input.missingBotPermissions?.(s.channelId, NEEDED)) ?? [];
  if (missing.length) lines.push(`⚠️ The bot lacks ${named(missing, true)} in <#${s.channelId}>: posts will fail until its role has them.`);
  return notice(missing.length ? "warning" : "info", "Daily posts are on", lines.join("\n"));
}

function preview(ctx: CommandContext, input: CommandInput): Reply {
  const dateText = input.string("date")?.trim() || null;
  const zone = (ctx.guildId && ctx.anniversaries?.schedule(ctx.guildId)?.timeZone) || "UTC";
  const md = dateText ? parseMonthDay(dateText) : (localDay(ctx.now, zone)?.date.slice(5) ?? null);
  if (!md) return notice("warning", "That is not a day of the year", `“${escapeUserText(dateText ?? "", 20)}” is not a date. Use MM-DD, for example 11-07.`);
  return anniversariesOn(ctx.library.catalog, md, ctx.now);
}

/** When the next post goes out: the first local day from today (tomorrow once today is done) with something in the catalog. */
function nextPostLine(ctx: CommandContext, server: InServer, s: Pick<AnniversarySchedule, "postTime" | "timeZone">): string {
  const today = localDay(ctx.now, s.timeZone);
  if (!today) return "";
  for (let i = server.store.hasPost(server.guildId, today.date) ? 1 : 0; i <= 366; i++) {
    const date = addDays(today.date, i);
    if (anniversariesOnLocalDate(ctx.library.catalog, date).events.length === 0) continue;
    const at = postInstant(date, s.postTime, s.timeZone);
    const unix = Math.floor(at.getTime() / 1000);
    return `Next post: ${date}, ${at <= ctx.now ? "within a minute" : `<t:${unix}:F> (<t:${unix}:R>)`}.`;
  }
  return "";
}
