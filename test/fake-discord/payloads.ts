import { snowflake, snowflakeTime } from "./snowflake.ts";

/** A JSON object as it travels over the wire. */
export type Json = Record<string, unknown>;

export interface FakeChannelSpec {
  id: string;
  name?: string;
  type?: number;
}

export interface FakeGuildSpec {
  id: string;
  name?: string;
  channels?: FakeChannelSpec[];
}

/** Channel types that have no text features. */
const VOICE_TYPES = new Set([2, 13]);

function userPayload(id: string, username: string, bot = false): Json {
  return {
    id,
    username,
    global_name: bot ? null : username,
    discriminator: "0",
    avatar: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
    clan: null,
    public_flags: 0,
    flags: 0,
    ...(bot ? { bot: true } : {}),
  };
}

export function botUserPayload(id: string, username: string): Json {
  return {
    ...userPayload(id, username, true),
    verified: true,
    mfa_enabled: false,
    email: null,
    bio: "",
    banner: null,
    accent_color: null,
  };
}

export function channelPayload(guildId: string, spec: FakeChannelSpec, position: number): Json {
  const type = spec.type ?? 0;
  const base: Json = {
    id: spec.id,
    type,
    guild_id: guildId,
    name: spec.name ?? `channel-${position}`,
    position,
    flags: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
  };
  if (type === 4) return base;
  if (VOICE_TYPES.has(type)) {
    return {
      ...base,
      bitrate: 64000,
      user_limit: 0,
      rtc_region: null,
      last_message_id: null,
      rate_limit_per_user: 0,
    };
  }
  return { ...base, topic: null, last_message_id: null, rate_limit_per_user: 0 };
}

export function rolePayload(id: string, name: string, permissions: string, position: number, managed = false): Json {
  return {
    id,
    name,
    description: null,
    permissions,
    position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
    ...(managed ? { tags: { bot_id: "" } } : {}),
  };
}

export interface GuildPayloadContext {
  botUser: Json;
  botRoleId: string;
  ownerId: string;
  joinedAt: string;
  applicationId: string;
}

/** A full GUILD_CREATE payload, with the bot's own member and role. */
export function guildCreatePayload(spec: FakeGuildSpec, ctx: GuildPayloadContext): Json {
  const channels = (spec.channels ?? []).map((c, i) => channelPayload(spec.id, c, i));
  const botRole = rolePayload(ctx.botRoleId, String(ctx.botUser["username"]), "8", 1, true);
  (botRole["tags"] as Json)["bot_id"] = ctx.botUser["id"];
  return {
    id: spec.id,
    name: spec.name ?? "Fake Guild",
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: ctx.ownerId,
    application_id: null,
    region: "deprecated",
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    nsfw: false,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: "en-US",
    max_members: 500000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    incidents_data: null,
    hub_type: null,
    latest_onboarding_question_id: null,
    home_header: null,
    inventory_settings: null,
    version: Date.now(),
    lazy: true,
    unavailable: false,
    large: false,
    joined_at: ctx.joinedAt,
    member_count: 2,
    features: [],
    roles: [rolePayload(spec.id, "@everyone", "0", 0), botRole],
    emojis: [],
    stickers: [],
    soundboard_sounds: [],
    channels,
    threads: [],
    members: [
      {
        user: ctx.botUser,
        roles: [ctx.botRoleId],
        nick: null,
        avatar: null,
        banner: null,
        premium_since: null,
        joined_at: ctx.joinedAt,
        communication_disabled_until: null,
        unusual_dm_activity_until: null,
        deaf: false,
        mute: false,
        pending: false,
        flags: 0,
      },
    ],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    embedded_activities: [],
    activity_instances: [],
    application_command_counts: {},
  };
}

export interface MessageInput {
  channelId: string;
  author: Json;
  body: Json;
  id?: string;
  webhookId?: string;
  applicationId?: string;
  guildId?: string;
}

/** A message object built from a create/edit body, like Discord echoes it. */
export function messagePayload(input: MessageInput): Json {
  const id = input.id ?? snowflake();
  const body = input.body;
  const attachments = Array.isArray(body["attachments"]) ? (body["attachments"] as Json[]) : [];
  const message: Json = {
    id,
    type: 0,
    channel_id: input.channelId,
    author: input.author,
    content: typeof body["content"] === "string" ? body["content"] : "",
    timestamp: snowflakeTime(id),
    edited_timestamp: null,
    tts: body["tts"] === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    attachments: attachments.map((a, i) => ({
      id: snowflake(),
      filename: String(a["filename"] ?? `file${i}`),
      size: typeof a["size"] === "number" ? a["size"] : 0,
      ...(typeof a["content_type"] === "string" ? { content_type: a["content_type"] } : {}),
      url: `https://cdn.example.invalid/attachments/${input.channelId}/${id}/${String(a["filename"] ?? `file${i}`)}`,
      proxy_url: `https://media.example.invalid/attachments/${input.channelId}/${id}/${String(a["filename"] ?? `file${i}`)}`,
      ...(a["description"] ? { description: a["description"] } : {}),
    })),
    embeds: Array.isArray(body["embeds"]) ? body["embeds"] : [],
    components: Array.isArray(body["components"]) ? body["components"] : [],
    pinned: false,
    flags: typeof body["flags"] === "number" ? body["flags"] : 0,
    ...(input.guildId ? { guild_id: input.guildId } : {}),
  };
  if (input.webhookId) message["webhook_id"] = input.webhookId;
  if (input.applicationId) message["application_id"] = input.applicationId;
  if (body["poll"]) message["poll"] = body["poll"];
  if (body["message_reference"]) message["message_reference"] = body["message_reference"];
  return message;
}

/** Applies an edit body on top of a stored message. */
export function editMessage(existing: Json, body: Json): Json {
  const next: Json = { ...existing, edited_timestamp: new Date().toISOString() };
  for (const key of ["content", "embeds", "components", "flags", "attachments"]) {
    if (key in body && body[key] !== undefined) {
      next[key] = body[key] === null ? (key === "content" ? "" : key === "flags" ? 0 : []) : body[key];
    }
  }
  if (Array.isArray(next["attachments"])) {
    const before = new Map(
      (Array.isArray(existing["attachments"]) ? (existing["attachments"] as Json[]) : []).map((a) => [String(a["id"]), a]),
    );
    next["attachments"] = (next["attachments"] as Json[]).map((a, i) => {
      const kept = before.get(String(a["id"]));
      if (kept) return { ...kept, ...a, id: kept["id"] };
      // A new upload: Discord assigns a real id.
      const filename = String(a["filename"] ?? `file${i}`);
      return {
        ...a,
        id: snowflake(),
        filename,
        size: typeof a["size"] === "number" ? a["size"] : 0,
        url: `https://cdn.example.invalid/attachments/${String(existing["channel_id"])}/${String(existing["id"])}/${filename}`,
        proxy_url: `https://media.example.invalid/attachments/${String(existing["channel_id"])}/${String(existing["id"])}/${filename}`,
      };
    });
  }
  return next;
}

/** Echoes a command registration body the way Discord stores it. */
export function commandPayload(body: Json, applicationId: string, guildId?: string, existingId?: string): Json {
  const id = existingId ?? snowflake();
  const type = typeof body["type"] === "number" ? body["type"] : 1;
  return {
    id,
    application_id: applicationId,
    version: snowflake(),
    default_member_permissions: body["default_member_permissions"] ?? null,
    type,
    name: body["name"],
    name_localizations: body["name_localizations"] ?? null,
    description: body["description"] ?? "",
    description_localizations: body["description_localizations"] ?? null,
    ...(guildId ? { guild_id: guildId } : {}),
    ...(Array.isArray(body["options"]) ? { options: body["options"] } : {}),
    dm_permission: guildId ? undefined : (body["dm_permission"] ?? true),
    contexts: body["contexts"] ?? null,
    integration_types: body["integration_types"] ?? [0],
    nsfw: body["nsfw"] === true,
  };
}

export function applicationPayload(id: string, botUser: Json): Json {
  return {
    id,
    name: String(botUser["username"]),
    icon: null,
    description: "",
    summary: "",
    type: null,
    bot: botUser,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: "0".repeat(64),
    flags: 0,
    hook: true,
    is_monetized: false,
    is_verified: false,
    is_discoverable: false,
    owner: userPayload(snowflakeOwner(id), "fake-owner"),
    team: null,
    tags: [],
    install_params: null,
    integration_types_config: { "0": {}, "1": {} },
    redirect_uris: [],
    interactions_endpoint_url: null,
    approximate_guild_count: 0,
    approximate_user_install_count: 0,
  };
}

/** A stable owner id derived from the application id. */
export function snowflakeOwner(applicationId: string): string {
  return (BigInt(applicationId) + 7n).toString();
}
