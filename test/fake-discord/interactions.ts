import { randomBytes } from "node:crypto";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  InteractionContextType,
  InteractionType,
  Locale,
  PermissionFlagsBits,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIAuthorizingIntegrationOwnersMap,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionDataResolved,
  type APIInteractionGuildMember,
  type APIUser,
  type GuildMemberFlags,
  type UserFlags,
} from "discord.js";
import { DEFAULT_APPLICATION_ID, DEFAULT_CHANNEL_ID, DEFAULT_CHANNEL_NAME, DEFAULT_GUILD_ID, DEFAULT_USER_ID } from "./constants.ts";
import { snowflake } from "./snowflake.ts";

export type OptionValue = string | number | boolean;

export interface OptionInput {
  name: string;
  value: OptionValue;
  /** ApplicationCommandOptionType; inferred from the value when absent (string → 3). */
  type?: number;
  focused?: boolean;
}

/** Either a list of options or a `{ name: value }` map (in insertion order). */
export type OptionsInput = OptionInput[] | Record<string, OptionValue>;

export interface UserInput {
  id?: string;
  username?: string;
  globalName?: string | null;
  bot?: boolean;
}

export interface InteractionInput {
  /** Guild the interaction comes from; default DEFAULT_GUILD_ID; `null` for a DM. */
  guildId?: string | null;
  /** Default DEFAULT_CHANNEL_ID in a guild, a fresh id in a DM. */
  channelId?: string;
  channelName?: string;
  /** Default 0 (text) in a guild, 1 (DM) otherwise. */
  channelType?: number;
  user?: UserInput;
  /** Interaction id; a fresh snowflake by default. */
  id?: string;
  /** Interaction token; a fresh random token by default. */
  token?: string;
  applicationId?: string;
  locale?: string;
  guildLocale?: string;
  /** Bot's permissions in the channel; default: every permission (an admin bot). */
  appPermissions?: string;
  /** Invoking member's permissions in the channel; default: a typical @everyone set. */
  memberPermissions?: string;
  /** Command id; by default stable per command name. */
  commandId?: string;
  /** Default `{}`. */
  authorizingIntegrationOwners?: APIAuthorizingIntegrationOwnersMap;
}

export interface ChatInputInput extends InteractionInput {
  name: string;
  options?: OptionsInput;
  subcommand?: string;
  subcommandGroup?: string;
  /** Objects that options refer to by id, as Discord resolves them (e.g. the channel of a channel option). */
  resolved?: APIInteractionDataResolved;
}

export interface AutocompleteInput extends ChatInputInput {
  /** Name of the option being typed; default: the one marked focused, else the last option. */
  focused?: string;
}

const ALL_PERMISSIONS = Object.values(PermissionFlagsBits)
  .reduce((acc, bit) => acc | bit, 0n)
  .toString();

const EVERYONE_PERMISSIONS = [
  PermissionFlagsBits.CreateInstantInvite,
  PermissionFlagsBits.AddReactions,
  PermissionFlagsBits.Stream,
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.UseExternalEmojis,
  PermissionFlagsBits.Connect,
  PermissionFlagsBits.Speak,
  PermissionFlagsBits.UseVAD,
  PermissionFlagsBits.ChangeNickname,
  PermissionFlagsBits.UseApplicationCommands,
  PermissionFlagsBits.RequestToSpeak,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.CreatePrivateThreads,
  PermissionFlagsBits.UseExternalStickers,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.UseEmbeddedActivities,
  PermissionFlagsBits.SendVoiceMessages,
  PermissionFlagsBits.SendPolls,
  PermissionFlagsBits.UseExternalApps,
]
  .reduce((acc, bit) => acc | bit, 0n)
  .toString();

/** 10 MiB, what Discord reports for an unboosted guild. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

const commandIds = new Map<string, string>();

function commandIdFor(name: string): string {
  let id = commandIds.get(name);
  if (!id) {
    id = snowflake();
    commandIds.set(name, id);
  }
  return id;
}

function interactionToken(id: string): string {
  const prefix = Buffer.from(`interaction:${id}:`).toString("base64url");
  return `${prefix}${randomBytes(96).toString("base64url")}`;
}

function buildUser(input: UserInput | undefined): APIUser {
  const id = input?.id ?? DEFAULT_USER_ID;
  const username = input?.username ?? "tester";
  return {
    id,
    username,
    global_name: input?.globalName === undefined ? username : input.globalName,
    discriminator: "0",
    avatar: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
    public_flags: 0 as UserFlags,
    ...(input?.bot ? { bot: true } : {}),
  };
}

function optionType(option: OptionInput): number {
  if (option.type !== undefined) return option.type;
  switch (typeof option.value) {
    case "boolean":
      return ApplicationCommandOptionType.Boolean;
    case "number":
      return Number.isInteger(option.value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
    default:
      return ApplicationCommandOptionType.String;
  }
}

function normaliseOptions(options: OptionsInput | undefined): OptionInput[] {
  if (!options) return [];
  if (Array.isArray(options)) return options.map((o) => ({ ...o }));
  return Object.entries(options).map(([name, value]) => ({ name, value }));
}

function toWire(options: OptionInput[], autocomplete: boolean): APIApplicationCommandInteractionDataOption[] {
  return options.map((o) => {
    const focused = autocomplete && o.focused === true;
    // While typing, Discord sends the focused option's raw text.
    const value = focused ? String(o.value) : o.value;
    const wire = { name: o.name, type: optionType(o), value, ...(focused ? { focused: true } : {}) };
    return wire as APIApplicationCommandInteractionDataOption;
  });
}

function nestOptions(
  leaf: APIApplicationCommandInteractionDataOption[],
  subcommand: string | undefined,
  group: string | undefined,
): APIApplicationCommandInteractionDataOption[] {
  if (!subcommand) {
    if (group) throw new Error("subcommandGroup needs a subcommand");
    return leaf;
  }
  const sub: APIApplicationCommandInteractionDataOption = {
    name: subcommand,
    type: ApplicationCommandOptionType.Subcommand,
    options: leaf as never,
  };
  if (!group) return [sub];
  return [{ name: group, type: ApplicationCommandOptionType.SubcommandGroup, options: [sub as never] }];
}

interface Envelope {
  base: Omit<APIChatInputApplicationCommandInteraction, "type" | "data" | "member" | "user" | "guild_id" | "guild" | "context">;
  guildPart:
    | { guild_id: string; guild: { id: string; locale: Locale; features: string[] }; member: APIInteractionGuildMember; context: InteractionContextType }
    | { user: APIUser; context: InteractionContextType };
  guildId: string | null;
}

function envelope(input: InteractionInput): Envelope {
  const guildId = input.guildId === undefined ? DEFAULT_GUILD_ID : input.guildId;
  const id = input.id ?? snowflake();
  const user = buildUser(input.user);
  const locale = (input.locale ?? Locale.EnglishUS) as Locale;
  const guildLocale = (input.guildLocale ?? Locale.EnglishUS) as Locale;
  const memberPermissions = input.memberPermissions ?? EVERYONE_PERMISSIONS;
  const appPermissions = input.appPermissions ?? ALL_PERMISSIONS;
  const channelId = input.channelId ?? (guildId ? DEFAULT_CHANNEL_ID : snowflake());
  const channelType = input.channelType ?? (guildId ? ChannelType.GuildText : ChannelType.DM);

  const channel = guildId
    ? {
        id: channelId,
        type: channelType,
        guild_id: guildId,
        name: input.channelName ?? DEFAULT_CHANNEL_NAME,
        position: 0,
        flags: 0,
        parent_id: null,
        permissions: memberPermissions,
        last_message_id: null,
        rate_limit_per_user: 0,
        topic: null,
        nsfw: false,
      }
    : { id: channelId, type: channelType, flags: 0, last_message_id: null, recipients: [user] };

  const base: Envelope["base"] = {
    id,
    application_id: input.applicationId ?? DEFAULT_APPLICATION_ID,
    token: input.token ?? interactionToken(id),
    version: 1,
    channel: channel as APIChatInputApplicationCommandInteraction["channel"] & object,
    channel_id: channelId,
    app_permissions: appPermissions,
    locale,
    entitlements: [],
    authorizing_integration_owners: input.authorizingIntegrationOwners ?? {},
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };

  if (guildId) {
    const member: APIInteractionGuildMember = {
      user,
      roles: [],
      premium_since: null,
      permissions: memberPermissions,
      pending: false,
      nick: null,
      mute: false,
      joined_at: new Date(Date.now() - 86_400_000).toISOString(),
      flags: 0 as GuildMemberFlags,
      deaf: false,
      communication_disabled_until: null,
      avatar: null,
      banner: null,
      // Sent by Discord but missing from the published types.
      ...{ unusual_dm_activity_until: null },
    };
    return {
      base: { ...base, guild_locale: guildLocale },
      guildPart: {
        guild_id: guildId,
        guild: { id: guildId, locale: guildLocale, features: [] },
        member,
        context: InteractionContextType.Guild,
      },
      guildId,
    };
  }
  return { base, guildPart: { user, context: InteractionContextType.BotDM }, guildId: null };
}

/** A slash-command INTERACTION_CREATE payload (type 2), as Discord sends it. */
export function chatInput(input: ChatInputInput): APIChatInputApplicationCommandInteraction {
  const { base, guildPart } = envelope(input);
  const options = nestOptions(toWire(normaliseOptions(input.options), false), input.subcommand, input.subcommandGroup);
  return {
    ...base,
    ...guildPart,
    type: InteractionType.ApplicationCommand,
    data: {
      id: input.commandId ?? commandIdFor(input.name),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      ...(options.length ? { options } : {}),
      ...(input.resolved ? { resolved: input.resolved } : {}),
    },
  } as APIChatInputApplicationCommandInteraction;
}

/** An autocomplete INTERACTION_CREATE payload (type 4) with exactly one focused option. */
export function autocomplete(input: AutocompleteInput): APIApplicationCommandAutocompleteInteraction {
  const { base, guildPart } = envelope(input);
  const list = normaliseOptions(input.options);
  if (list.length === 0) throw new Error("autocomplete needs at least one option");
  let focusIndex = input.focused !== undefined ? list.findIndex((o) => o.name === input.focused) : list.findIndex((o) => o.focused);
  if (input.focused !== undefined && focusIndex === -1) throw new Error(`no option named ${input.focused}`);
  if (focusIndex === -1) focusIndex = list.length - 1;
  list.forEach((o, i) => {
    o.focused = i === focusIndex;
  });
  const options = nestOptions(toWire(list, true), input.subcommand, input.subcommandGroup);
  return {
    ...base,
    ...guildPart,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: input.commandId ?? commandIdFor(input.name),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options,
    },
  } as APIApplicationCommandAutocompleteInteraction;
}
