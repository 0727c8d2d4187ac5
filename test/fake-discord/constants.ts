/**
 * Default ids shared by the fake server and the interaction builders, so a
 * payload built with no arguments targets the default guild and channel.
 */
export const DEFAULT_APPLICATION_ID = "1100000000000000001";
export const DEFAULT_BOT_USER_ID = "1100000000000000001";
export const DEFAULT_GUILD_ID = "1100000000000000100";
export const DEFAULT_CHANNEL_ID = "1100000000000000200";
export const DEFAULT_USER_ID = "1100000000000000300";
export const DEFAULT_GUILD_NAME = "Fake Guild";
export const DEFAULT_CHANNEL_NAME = "general";
export const BOT_USERNAME = "fake-bot";
/** Discord's default heartbeat interval. */
export const DEFAULT_HEARTBEAT_INTERVAL = 41250;
