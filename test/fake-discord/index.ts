import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ClientOptions } from "discord.js";
import {
  BOT_USERNAME,
  DEFAULT_APPLICATION_ID,
  DEFAULT_BOT_USER_ID,
  DEFAULT_CHANNEL_ID,
  DEFAULT_CHANNEL_NAME,
  DEFAULT_GUILD_ID,
  DEFAULT_GUILD_NAME,
  DEFAULT_HEARTBEAT_INTERVAL,
} from "./constants.ts";
import { FakeGateway } from "./gateway.ts";
import { multipartBoundary, parseMultipart, type MultipartPart } from "./multipart.ts";
import {
  applicationPayload,
  botUserPayload,
  channelPayload,
  commandPayload,
  editMessage,
  guildCreatePayload,
  messagePayload,
  snowflakeOwner,
  type FakeChannelSpec,
  type FakeGuildSpec,
  type Json,
} from "./payloads.ts";
import { shardForGuild, snowflake } from "./snowflake.ts";

export * from "./constants.ts";
export { guildIdForShard, shardForGuild, snowflake } from "./snowflake.ts";
export { autocomplete, chatInput } from "./interactions.ts";

export interface RecordedFile {
  /** Form field, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedCall {
  method: string;
  /** Path after /api/v10, without the query string (the full path if the prefix is missing). */
  path: string;
  /** Raw query string without the leading `?` ("" when there is none). */
  query: string;
  /** Parsed JSON body; for multipart requests the parsed `payload_json`. `undefined` when empty. */
  body: unknown;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** Date.now() when the request finished arriving. */
  at: number;
  /** Status code the fake answered with. */
  status: number;
  /** Files of a multipart request (empty for JSON requests). */
  files: RecordedFile[];
}

/** Whether a recorded call is the bot's callback to one interaction. */
export const callbackOf = (payload: { id: string; token: string }) => (c: RecordedCall) =>
  c.method === "POST" && c.path === `/interactions/${payload.id}/${payload.token}/callback`;

/** Client options that skip discord.js's ~5 s wait between IDENTIFYs, so a re-identify test stays fast. */
export const FAST_IDENTIFY: Partial<ClientOptions> = { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } };

export interface FakeDiscordOptions {
  /** Shard count reported by GET /gateway/bot and used to route dispatches. Default 1. */
  shards?: number;
  /** Guilds the bot is in. Default: one guild with one text channel (see DEFAULT_GUILD_ID / DEFAULT_CHANNEL_ID). */
  guilds?: Array<{ id: string; name?: string; channels?: Array<{ id: string; name?: string; type?: number }> }>;
  applicationId?: string;
  botUserId?: string;
  /** Sent in HELLO. Default 41250 (Discord's value). */
  heartbeatInterval?: number;
  /** `session_start_limit.max_concurrency` from /gateway/bot. Default 1; discord.js then waits ~5 s between IDENTIFYs of one client. */
  maxConcurrency?: number;
  /** When set, REST calls with another bot token get 401 and IDENTIFY/RESUME with another token get close 4004. */
  token?: string;
}

export interface FailRule {
  method?: string;
  pathIncludes: string;
}

export interface FakeDiscord {
  /** http://127.0.0.1:PORT/api — pass as `rest: { api }` to the Client. */
  apiBase: string;
  /** Every REST request, in order. */
  calls: RecordedCall[];
  applicationId: string;
  botUserId: string;
  /** Resolves with the first existing call matching `pred`, or the next one to arrive. */
  waitForCall(pred: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Resolves once every shard 0..shards-1 has identified and been sent READY plus its GUILD_CREATEs. */
  waitForReady(timeoutMs?: number): Promise<void>;
  /** INTERACTION_CREATE on the shard that owns payload.guild_id (shard 0 for DMs). */
  sendInteraction(payload: object): void;
  /** Any other dispatch on a shard. GUILD_CREATE/GUILD_DELETE/CHANNEL_* also update the fake's own state. */
  dispatch(shardId: number, t: string, d: object): void;
  /** Closes the socket of one shard (or all) with a close code. 4004, 4007, 4009, 4010-4014 also end the session. */
  closeGateway(code: number, shardId?: number): void;
  /** While on, HEARTBEATs are not acknowledged (a zombie connection). */
  setIgnoreHeartbeats(on: boolean): void;
  /** The next `times` (default 1) matching requests get `status` instead of their normal answer. */
  failNext(match: FailRule, status: number, body?: object, headers?: Record<string, string>, times?: number): void;
  /** The next matching request is answered only after `ms` (a slow Discord): for in-flight work at shutdown. */
  delayNext(match: FailRule, ms: number): void;
  /** Drops the recorded calls and what the fake remembers of past interactions (tokens, original responses), so long soak runs stay flat. */
  forgetInteractions(): void;
  readonly identifies: number;
  readonly resumes: number;
  close(): Promise<void>;
}

interface PendingFailure {
  match: FailRule;
  status: number;
  body: object | undefined;
  headers: Record<string, string>;
  remaining: number;
}

interface CallWaiter {
  pred: (c: RecordedCall) => boolean;
  resolve: (c: RecordedCall) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface GuildState {
  id: string;
  name: string;
  channels: Map<string, FakeChannelSpec>;
  joinedAt: string;
}

const API_PREFIX = "/api/v10";

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const shardCount = Math.max(1, Math.floor(opts.shards ?? 1));
  const applicationId = opts.applicationId ?? DEFAULT_APPLICATION_ID;
  const botUserId = opts.botUserId ?? (opts.applicationId ?? DEFAULT_BOT_USER_ID);
  const botUser = botUserPayload(botUserId, BOT_USERNAME);
  const botRoleId = (BigInt(botUserId) + 1n).toString();
  const ownerId = snowflakeOwner(applicationId);
  const token = opts.token;

  const guildSpecs: FakeGuildSpec[] = opts.guilds ?? [
    { id: DEFAULT_GUILD_ID, name: DEFAULT_GUILD_NAME, channels: [{ id: DEFAULT_CHANNEL_ID, name: DEFAULT_CHANNEL_NAME, type: 0 }] },
  ];
  const guilds = new Map<string, GuildState>();
  const addGuild = (spec: FakeGuildSpec): void => {
    guilds.set(spec.id, {
      id: spec.id,
      name: spec.name ?? DEFAULT_GUILD_NAME,
      channels: new Map((spec.channels ?? []).map((c) => [c.id, { ...c }])),
      joinedAt: guilds.get(spec.id)?.joinedAt ?? new Date().toISOString(),
    });
  };
  for (const spec of guildSpecs) addGuild(spec);

  const findChannel = (channelId: string): { guildId: string; json: Json } | null => {
    for (const guild of guilds.values()) {
      const specs = [...guild.channels.values()];
      const index = specs.findIndex((c) => c.id === channelId);
      const spec = specs[index];
      if (spec) return { guildId: guild.id, json: channelPayload(guild.id, spec, index) };
    }
    return null;
  };

  const gatewayGuild = (guildId: string): Json => {
    const guild = guilds.get(guildId);
    if (!guild) throw new Error(`fake discord: unknown guild ${guildId}`);
    return guildCreatePayload(
      { id: guild.id, name: guild.name, channels: [...guild.channels.values()] },
      { botUser, botRoleId, ownerId, joinedAt: guild.joinedAt, applicationId },
    );
  };

  const gateway = new FakeGateway({
    shardCount,
    heartbeatInterval: opts.heartbeatInterval ?? DEFAULT_HEARTBEAT_INTERVAL,
    applicationId,
    botUser,
    token,
    guildIdsForShard: (shardId, count) => [...guilds.keys()].filter((id) => shardForGuild(id, count) === shardId),
    guildCreatePayload: gatewayGuild,
    onDispatch: (t, d) => {
      const data = (d ?? {}) as Json;
      const id = typeof data["id"] === "string" ? data["id"] : undefined;
      const guildId = typeof data["guild_id"] === "string" ? data["guild_id"] : undefined;
      if (t === "GUILD_CREATE" && id) {
        const channels = Array.isArray(data["channels"]) ? (data["channels"] as Json[]) : [];
        addGuild({
          id,
          name: typeof data["name"] === "string" ? data["name"] : DEFAULT_GUILD_NAME,
          channels: channels.map((c) => ({
            id: String(c["id"]),
            ...(typeof c["name"] === "string" ? { name: c["name"] } : {}),
            ...(typeof c["type"] === "number" ? { type: c["type"] } : {}),
          })),
        });
      } else if (t === "GUILD_DELETE" && id && data["unavailable"] !== true) {
        guilds.delete(id);
      } else if ((t === "CHANNEL_CREATE" || t === "CHANNEL_UPDATE") && id && guildId) {
        guilds.get(guildId)?.channels.set(id, {
          id,
          ...(typeof data["name"] === "string" ? { name: data["name"] } : {}),
          ...(typeof data["type"] === "number" ? { type: data["type"] } : {}),
        });
      } else if (t === "CHANNEL_DELETE" && id) {
        for (const guild of guilds.values()) guild.channels.delete(id);
      }
    },
  });
  await gateway.listen();

  const calls: RecordedCall[] = [];
  const waiters = new Set<CallWaiter>();
  const failures: PendingFailure[] = [];
  /** Interaction messages by `token/messageId` ("@original" for the first). */
  const webhookMessages = new Map<string, Json>();
  /** Interaction token → where it was sent and by whom, learned from sendInteraction. */
  const interactionTokens = new Map<string, { channelId: string; guildId: string | undefined; id: string; type: number; user: unknown }>();
  const channelMessages = new Map<string, Json>();
  const globalCommands: Json[] = [];
  const guildCommands = new Map<string, Json[]>();

  const record = (call: RecordedCall): void => {
    calls.push(call);
    for (const waiter of [...waiters]) {
      let hit = false;
      try {
        hit = waiter.pred(call);
      } catch (err) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.reject(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (hit) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(call);
      }
    }
  };

  const delays: { match: FailRule; ms: number }[] = [];
  const takeDelay = (method: string, path: string): number => {
    const index = delays.findIndex((d) => (!d.match.method || d.match.method.toUpperCase() === method) && path.includes(d.match.pathIncludes));
    return index < 0 ? 0 : delays.splice(index, 1)[0]!.ms;
  };

  const takeFailure = (method: string, path: string): PendingFailure | null => {
    const index = failures.findIndex(
      (f) => (!f.match.method || f.match.method.toUpperCase() === method) && path.includes(f.match.pathIncludes),
    );
    const failure = failures[index];
    if (!failure) return null;
    failure.remaining -= 1;
    if (failure.remaining <= 0) failures.splice(index, 1);
    return failure;
  };

  const failureReply = (failure: PendingFailure): Reply => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(failure.headers)) headers[k.toLowerCase()] = v;
    if (failure.status === 429) {
      const given = (failure.body ?? {}) as Json;
      const retryAfter =
        typeof given["retry_after"] === "number"
          ? given["retry_after"]
          : headers["retry-after"] !== undefined
            ? Number(headers["retry-after"])
            : 0.05;
      headers["retry-after"] ??= String(retryAfter);
      headers["x-ratelimit-scope"] ??= given["global"] === true ? "global" : "user";
      if (given["global"] === true) headers["x-ratelimit-global"] ??= "true";
      return {
        status: 429,
        headers,
        body: { message: "You are being rate limited.", retry_after: retryAfter, global: false, ...given },
      };
    }
    if (failure.status === 204) return { status: 204, headers };
    return {
      status: failure.status,
      headers,
      body: failure.body ?? { message: statusMessage(failure.status), code: 0 },
    };
  };

  const interactionMessage = (interactionToken: string, body: Json, id?: string): Json => {
    const info = interactionTokens.get(interactionToken);
    const message = messagePayload({
      channelId: info?.channelId ?? "0",
      author: botUser,
      body,
      webhookId: applicationId,
      applicationId,
      ...(info?.guildId ? { guildId: info.guildId } : {}),
      ...(id ? { id } : {}),
    });
    if (info) {
      message["interaction_metadata"] = {
        id: info.id,
        type: info.type,
        user: info.user,
        authorizing_integration_owners: {},
      };
    }
    return message;
  };

  const route = (
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    headers: Record<string, string>,
    files: RecordedFile[],
  ): Reply => {
    const json = withUploads((body && typeof body === "object" ? body : {}) as Json, files);
    const seg = path.split("/").filter(Boolean);
    const needsAuth = !(seg[0] === "interactions" || (seg[0] === "webhooks" && seg.length >= 3));
    if (token !== undefined && needsAuth && headers["authorization"] !== `Bot ${token}`) {
      return { status: 401, body: { message: "401: Unauthorized", code: 0 } };
    }
    const key = `${method} ${seg.map((s, i) => (isVariable(seg, i) ? ":" : s)).join("/")}`;

    switch (key) {
      case "GET gateway":
        return ok({ url: gateway.url });
      case "GET gateway/bot":
        return ok({
          url: gateway.url,
          shards: shardCount,
          session_start_limit: {
            total: 1000,
            remaining: 1000,
            reset_after: 0,
            max_concurrency: Math.max(1, opts.maxConcurrency ?? 1),
          },
        });
      case "GET users/@me":
        return ok(botUser);
      case "GET applications/@me":
        return ok(applicationPayload(applicationId, botUser));
      case "POST interactions/:/:/callback": {
        const interactionId = seg[1] ?? "";
        const interactionToken = seg[2] ?? "";
        const type = typeof json["type"] === "number" ? json["type"] : 0;
        const data = (json["data"] && typeof json["data"] === "object" ? json["data"] : {}) as Json;
        let message: Json | undefined;
        if (type === 4) {
          message = interactionMessage(interactionToken, data);
        } else if (type === 5) {
          message = interactionMessage(interactionToken, { content: "", flags: (Number(data["flags"] ?? 0) | 128) });
        }
        if (message) webhookMessages.set(`${interactionToken}/@original`, message);
        if (query.get("with_response") !== "true") return { status: 204 };
        const info = interactionTokens.get(interactionToken);
        return ok({
          interaction: {
            id: interactionId,
            type: info?.type ?? 2,
            activity_instance_id: null,
            response_message_id: message?.["id"] ?? null,
            response_message_loading: type === 5,
            response_message_ephemeral: message ? (Number(message["flags"]) & 64) !== 0 : false,
          },
          ...(message ? { resource: { type, message } } : type ? { resource: { type } } : {}),
        });
      }
      case "GET webhooks/:/:/messages/:":
      case "GET webhooks/:/:/messages/@original": {
        const stored = webhookMessages.get(`${seg[2]}/${seg[4]}`);
        return stored ? ok(stored) : unknownMessage();
      }
      case "PATCH webhooks/:/:/messages/:":
      case "PATCH webhooks/:/:/messages/@original": {
        const mapKey = `${seg[2]}/${seg[4]}`;
        const existing = webhookMessages.get(mapKey) ?? (seg[4] === "@original" ? interactionMessage(seg[2] ?? "", {}) : undefined);
        if (!existing) return unknownMessage();
        let next = editMessage(existing, json);
        if (seg[4] === "@original") next = { ...next, flags: Number(next["flags"] ?? 0) & ~128 };
        webhookMessages.set(mapKey, next);
        webhookMessages.set(`${seg[2]}/${String(next["id"])}`, next);
        return ok(next);
      }
      case "DELETE webhooks/:/:/messages/:":
      case "DELETE webhooks/:/:/messages/@original": {
        webhookMessages.delete(`${seg[2]}/${seg[4]}`);
        return { status: 204 };
      }
      case "POST webhooks/:/:": {
        const message = interactionMessage(seg[2] ?? "", json);
        webhookMessages.set(`${seg[2]}/${String(message["id"])}`, message);
        return ok(message);
      }
      case "GET channels/:": {
        const found = findChannel(seg[1] ?? "");
        return found ? ok(found.json) : unknownChannel();
      }
      case "POST channels/:/messages": {
        const found = findChannel(seg[1] ?? "");
        if (!found) return unknownChannel();
        const message = messagePayload({ channelId: found.json["id"] as string, author: botUser, body: json, guildId: found.guildId });
        channelMessages.set(String(message["id"]), message);
        return ok(message);
      }
      case "GET channels/:/messages/:": {
        const stored = channelMessages.get(seg[3] ?? "");
        return stored && stored["channel_id"] === seg[1] ? ok(stored) : unknownMessage();
      }
      case "PATCH channels/:/messages/:": {
        const stored = channelMessages.get(seg[3] ?? "");
        if (!stored || stored["channel_id"] !== seg[1]) return unknownMessage();
        const next = editMessage(stored, json);
        channelMessages.set(String(next["id"]), next);
        return ok(next);
      }
      case "DELETE channels/:/messages/:": {
        if (!channelMessages.delete(seg[3] ?? "")) return unknownMessage();
        return { status: 204 };
      }
      case "POST channels/:/typing":
        return findChannel(seg[1] ?? "") ? { status: 204 } : unknownChannel();
      case "GET guilds/:": {
        const guild = guilds.get(seg[1] ?? "");
        if (!guild) return { status: 404, body: { message: "Unknown Guild", code: 10004 } };
        const full = gatewayGuild(guild.id);
        for (const k of ["channels", "members", "threads", "presences", "voice_states", "stage_instances", "guild_scheduled_events", "soundboard_sounds", "joined_at", "large", "member_count", "unavailable"]) delete full[k];
        return ok(full);
      }
      case "GET guilds/:/channels": {
        const guild = guilds.get(seg[1] ?? "");
        if (!guild) return { status: 404, body: { message: "Unknown Guild", code: 10004 } };
        return ok([...guild.channels.values()].map((c, i) => channelPayload(guild.id, c, i)));
      }
      case "GET applications/:/commands":
        return ok(globalCommands);
      case "PUT applications/:/commands": {
        const list = Array.isArray(body) ? (body as Json[]) : [];
        const next = list.map((c) => commandPayload(c, applicationId, undefined, findCommand(globalCommands, c)));
        globalCommands.splice(0, globalCommands.length, ...next);
        return ok(next);
      }
      case "POST applications/:/commands": {
        const command = commandPayload(json, applicationId, undefined, findCommand(globalCommands, json));
        upsert(globalCommands, command);
        return ok(command);
      }
      case "GET applications/:/guilds/:/commands":
        return ok(guildCommands.get(seg[3] ?? "") ?? []);
      case "PUT applications/:/guilds/:/commands": {
        const guildId = seg[3] ?? "";
        const existing = guildCommands.get(guildId) ?? [];
        const list = Array.isArray(body) ? (body as Json[]) : [];
        const next = list.map((c) => commandPayload(c, applicationId, guildId, findCommand(existing, c)));
        guildCommands.set(guildId, next);
        return ok(next);
      }
      case "POST applications/:/guilds/:/commands": {
        const guildId = seg[3] ?? "";
        const existing = guildCommands.get(guildId) ?? [];
        const command = commandPayload(json, applicationId, guildId, findCommand(existing, json));
        upsert(existing, command);
        guildCommands.set(guildId, existing);
        return ok(command);
      }
      default:
        return { status: 404, body: { message: "Unknown route", code: 0 } };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const rawPath = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || "/" : url.pathname;
    // discord.js escapes "@original" as "%40original"; record the readable form.
    const path = rawPath.split("/").map(safeDecode).join("/");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    }
    const { body, files } = parseBody(raw, headers["content-type"]);

    const delay = takeDelay(method, path);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    let reply: Reply;
    const failure = takeFailure(method, path);
    if (failure) {
      reply = failureReply(failure);
    } else if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
      reply = { status: 404, body: { message: "Unknown route", code: 0 } };
    } else {
      try {
        reply = route(method, path, url.searchParams, body, headers, files);
      } catch (err) {
        reply = { status: 500, body: { message: `fake discord error: ${err instanceof Error ? err.message : String(err)}`, code: 0 } };
      }
    }

    record({
      method,
      path,
      query: url.search.startsWith("?") ? url.search.slice(1) : url.search,
      body,
      headers,
      at: Date.now(),
      status: reply.status,
      files,
    });

    const outHeaders: Record<string, string> = { ...reply.headers };
    if (reply.status === 204 || reply.body === undefined) {
      res.writeHead(reply.status, outHeaders).end();
      return;
    }
    const text = JSON.stringify(reply.body);
    outHeaders["content-type"] = "application/json";
    outHeaders["content-length"] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, outHeaders).end(text);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
      }
      res.end(JSON.stringify({ message: `fake discord error: ${String(err)}`, code: 0 }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed = false;
  const fake: FakeDiscord = {
    apiBase: `http://127.0.0.1:${port}/api`,
    calls,
    applicationId,
    botUserId,
    get identifies() {
      return gateway.identifies;
    },
    get resumes() {
      return gateway.resumes;
    },
    waitForCall(pred, timeoutMs = 5000) {
      const existing = calls.find(pred);
      if (existing) return Promise.resolve(existing);
      return new Promise<RecordedCall>((resolve, reject) => {
        const waiter: CallWaiter = {
          pred,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const seen = calls.map((c) => `${c.method} ${c.path}`).join(", ") || "none";
            reject(new Error(`fake discord: no matching REST call within ${timeoutMs} ms (calls so far: ${seen})`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    waitForReady(timeoutMs = 10000) {
      return gateway.waitForReady(timeoutMs);
    },
    sendInteraction(payload) {
      const p = payload as Json;
      const guildId = typeof p["guild_id"] === "string" ? p["guild_id"] : undefined;
      const channel = (p["channel"] ?? {}) as Json;
      const channelId = typeof channel["id"] === "string" ? channel["id"] : typeof p["channel_id"] === "string" ? p["channel_id"] : "0";
      if (typeof p["token"] === "string" && typeof p["id"] === "string") {
        const member = (p["member"] ?? {}) as Json;
        const user = member["user"] ?? p["user"] ?? null;
        interactionTokens.set(p["token"], { channelId, guildId, id: p["id"], type: Number(p["type"] ?? 2), user });
      }
      gateway.dispatch(guildId ? shardForGuild(guildId, shardCount) : 0, "INTERACTION_CREATE", payload);
    },
    dispatch(shardId, t, d) {
      gateway.dispatch(shardId, t, d);
    },
    closeGateway(code, shardId) {
      gateway.closeGateway(code, shardId);
    },
    setIgnoreHeartbeats(on) {
      gateway.setIgnoreHeartbeats(on);
    },
    forgetInteractions() {
      calls.length = 0;
      webhookMessages.clear();
      interactionTokens.clear();
    },
    delayNext(match, ms) {
      delays.push({ match, ms });
    },
    failNext(match, status, body, headers, times = 1) {
      failures.push({ match, status, body, headers: headers ?? {}, remaining: Math.max(1, times) });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error("fake discord closed"));
      }
      waiters.clear();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** Path segments that name a collection; the segment after one is an id. */
const COLLECTIONS = new Set(["channels", "guilds", "applications", "messages", "interactions", "webhooks", "users", "commands", "members", "roles"]);

/** Ids and tokens in a path, which the router matches as ":". */
function isVariable(seg: string[], i: number): boolean {
  const s = seg[i] ?? "";
  if (s === "@me" || s === "@original") return false;
  if ((seg[0] === "interactions" || seg[0] === "webhooks") && i === 2) return true;
  return i > 0 && COLLECTIONS.has(seg[i - 1] ?? "");
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function unknownChannel(): Reply {
  return { status: 404, body: { message: "Unknown Channel", code: 10003 } };
}

function unknownMessage(): Reply {
  return { status: 404, body: { message: "Unknown Message", code: 10008 } };
}

function findCommand(list: Json[], body: Json): string | undefined {
  const type = typeof body["type"] === "number" ? body["type"] : 1;
  const found = list.find((c) => c["name"] === body["name"] && c["type"] === type);
  return typeof found?.["id"] === "string" ? found["id"] : undefined;
}

function upsert(list: Json[], command: Json): void {
  const index = list.findIndex((c) => c["id"] === command["id"]);
  if (index === -1) list.push(command);
  else list[index] = command;
}

function statusMessage(status: number): string {
  switch (status) {
    case 400:
      return "400: Bad Request";
    case 401:
      return "401: Unauthorized";
    case 403:
      return "Missing Permissions";
    case 404:
      return "404: Not Found";
    case 500:
      return "500: Internal Server Error";
    case 502:
      return "502: Bad Gateway";
    case 503:
      return "503: Service Unavailable";
    default:
      return `${status}: fake failure`;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseBody(raw: Buffer, contentType: string | undefined): { body: unknown; files: RecordedFile[] } {
  if (raw.length === 0) return { body: undefined, files: [] };
  const boundary = multipartBoundary(contentType);
  if (boundary) {
    const parts: MultipartPart[] = parseMultipart(raw, boundary);
    const files: RecordedFile[] = [];
    const fields: Json = {};
    let payload: unknown;
    for (const part of parts) {
      if (part.name === "payload_json") {
        payload = safeJson(part.data.toString("utf8"));
      } else if (part.filename !== undefined) {
        files.push({
          field: part.name,
          filename: part.filename,
          contentType: part.contentType ?? "application/octet-stream",
          data: part.data,
        });
      } else {
        fields[part.name] = part.data.toString("utf8");
      }
    }
    return { body: payload ?? fields, files };
  }
  const text = raw.toString("utf8");
  if (!contentType || /json/i.test(contentType)) return { body: safeJson(text), files: [] };
  if (/x-www-form-urlencoded/i.test(contentType)) return { body: Object.fromEntries(new URLSearchParams(text)), files: [] };
  return { body: text, files: [] };
}

/**
 * Fills in filename and size of `attachments` entries from the uploaded
 * files (entry id N is the file in field `files[N]`), so echoed messages
 * carry them like Discord's do.
 */
function withUploads(body: Json, files: RecordedFile[]): Json {
  if (files.length === 0) return body;
  const byIndex = new Map(files.map((f, i) => [/^files\[(\d+)\]$/.exec(f.field)?.[1] ?? String(i), f]));
  const listed = Array.isArray(body["attachments"]) ? (body["attachments"] as Json[]) : files.map((_f, i) => ({ id: i }));
  const attachments = listed.map((a) => {
    const file = byIndex.get(String(a["id"]));
    return file
      ? { filename: file.filename, ...a, size: file.data.length, content_type: file.contentType }
      : a;
  });
  return { ...body, attachments };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export type { FakeChannelSpec, FakeGuildSpec };
