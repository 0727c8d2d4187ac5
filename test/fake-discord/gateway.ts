import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import type { Json } from "./payloads.ts";

/** Close codes after which Discord forgets the session. */
const SESSION_ENDING_CODES = new Set([4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014]);

interface LoggedDispatch {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  shardId: number;
  seq: number;
  log: LoggedDispatch[];
  conn: Connection | null;
}

interface Connection {
  ws: WebSocket;
  session: Session | null;
}

/** What the gateway needs from the rest of the fake. */
export interface GatewayHost {
  shardCount: number;
  heartbeatInterval: number;
  applicationId: string;
  botUser: Json;
  /** When set, IDENTIFY/RESUME with another token closes with 4004. */
  token: string | undefined;
  /** Guild ids on the given shard, in order. */
  guildIdsForShard(shardId: number, shardCount: number): string[];
  guildCreatePayload(guildId: string): Json;
  /** Lets the host keep its state in step with dispatched events. */
  onDispatch(t: string, d: unknown): void;
}

interface ReadyWaiter {
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** Keep at most this many dispatches per session for RESUME replay. */
const MAX_LOG = 2000;

export class FakeGateway {
  readonly #host: GatewayHost;
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #sessions = new Map<string, Session>();
  /** The current session of each shard id (the one dispatches go to). */
  readonly #shardSessions = new Map<number, Session>();
  readonly #connections = new Set<Connection>();
  readonly #readyShards = new Set<number>();
  readonly #readyWaiters = new Set<ReadyWaiter>();
  #ignoreHeartbeats = false;
  #url = "";
  identifies = 0;
  resumes = 0;

  constructor(host: GatewayHost) {
    this.#host = host;
    this.#server = createServer((_req, res) => {
      res.writeHead(426, { "content-type": "text/plain" }).end("Upgrade Required");
    });
    this.#wss = new WebSocketServer({ server: this.#server });
    this.#wss.on("connection", (ws, req) => this.#onConnection(ws, req.url ?? "/"));
  }

  get url(): string {
    return this.#url;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => {
        this.#server.off("error", reject);
        resolve();
      });
    });
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `ws://127.0.0.1:${port}`;
  }

  setIgnoreHeartbeats(on: boolean): void {
    this.#ignoreHeartbeats = on;
  }

  waitForReady(timeoutMs: number): Promise<void> {
    if (this.#allReady()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: ReadyWaiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#readyWaiters.delete(waiter);
          const missing = [...Array(this.#host.shardCount).keys()].filter((id) => !this.#readyShards.has(id));
          reject(new Error(`fake discord: shards [${missing.join(", ")}] not ready after ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.#readyWaiters.add(waiter);
    });
  }

  /** Sends a dispatch to the current session of a shard (buffered while it is disconnected). */
  dispatch(shardId: number, t: string, d: unknown): void {
    const session = this.#shardSessions.get(shardId);
    if (!session) {
      throw new Error(`fake discord: no session for shard ${shardId} (has a client identified it?)`);
    }
    this.#host.onDispatch(t, d);
    this.#dispatchTo(session, t, d);
  }

  closeGateway(code: number, shardId?: number): void {
    for (const session of [...this.#sessions.values()]) {
      if (shardId !== undefined && session.shardId !== shardId) continue;
      const conn = session.conn;
      if (conn) {
        session.conn = null;
        conn.session = null;
        closeSocket(conn.ws, code, "closed by test");
      }
      if (SESSION_ENDING_CODES.has(code)) this.#endSession(session);
    }
    // Sockets that have not identified yet.
    if (shardId === undefined) {
      for (const conn of this.#connections) {
        if (!conn.session) closeSocket(conn.ws, code, "closed by test");
      }
    }
  }

  async close(): Promise<void> {
    for (const waiter of this.#readyWaiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error("fake discord closed"));
    }
    this.#readyWaiters.clear();
    for (const conn of this.#connections) conn.ws.terminate();
    this.#connections.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #allReady(): boolean {
    for (let id = 0; id < this.#host.shardCount; id++) {
      if (!this.#readyShards.has(id)) return false;
    }
    return true;
  }

  #markReady(shardId: number): void {
    this.#readyShards.add(shardId);
    if (!this.#allReady()) return;
    for (const waiter of this.#readyWaiters) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
    this.#readyWaiters.clear();
  }

  #endSession(session: Session): void {
    this.#sessions.delete(session.id);
    if (this.#shardSessions.get(session.shardId) === session) {
      this.#shardSessions.delete(session.shardId);
      this.#readyShards.delete(session.shardId);
    }
  }

  #onConnection(ws: WebSocket, rawUrl: string): void {
    const conn: Connection = { ws, session: null };
    this.#connections.add(conn);
    ws.on("error", () => {
      // A client vanishing mid-frame is not a test failure.
    });
    ws.on("close", (code) => {
      this.#connections.delete(conn);
      const session = conn.session;
      if (!session) return;
      if (session.conn === conn) session.conn = null;
      // A client closing with 1000/1001 ends its session, as on Discord.
      if (code === 1000 || code === 1001) this.#endSession(session);
    });
    ws.on("message", (data, isBinary) => this.#onMessage(conn, data, isBinary));

    const params = new URL(rawUrl, "ws://localhost").searchParams;
    const version = params.get("v");
    if (version !== null && version !== "10") {
      closeSocket(ws, 4012, "Invalid API version");
      return;
    }
    const encoding = params.get("encoding");
    if (encoding !== null && encoding !== "json") {
      closeSocket(ws, 4002, "Only JSON encoding is supported by the fake");
      return;
    }
    send(ws, { op: 10, d: { heartbeat_interval: this.#host.heartbeatInterval, _trace: ['["fake-gateway",{"micros":0}]'] } });
  }

  #onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      closeSocket(conn.ws, 4002, "Decode error");
      return;
    }
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(rawToString(data)) as { op?: unknown; d?: unknown };
    } catch {
      closeSocket(conn.ws, 4002, "Decode error");
      return;
    }
    const d = (payload.d ?? {}) as Record<string, unknown>;
    switch (payload.op) {
      case 1: // HEARTBEAT
        if (!this.#ignoreHeartbeats) send(conn.ws, { op: 11 });
        return;
      case 2: // IDENTIFY
        this.#identify(conn, d);
        return;
      case 6: // RESUME
        this.#resume(conn, d);
        return;
      case 3: // PRESENCE_UPDATE
      case 4: // VOICE_STATE_UPDATE
        if (!conn.session) closeSocket(conn.ws, 4003, "Not authenticated");
        return;
      case 8: // REQUEST_GUILD_MEMBERS
        if (!conn.session) {
          closeSocket(conn.ws, 4003, "Not authenticated");
          return;
        }
        this.#dispatchTo(conn.session, "GUILD_MEMBERS_CHUNK", {
          guild_id: d["guild_id"],
          members: [],
          chunk_index: 0,
          chunk_count: 1,
          not_found: [],
          ...(d["nonce"] !== undefined ? { nonce: d["nonce"] } : {}),
        });
        return;
      default:
        closeSocket(conn.ws, 4001, "Unknown opcode");
    }
  }

  /** IDENTIFY and RESUME alike: once per connection, and only with the right token (closing the socket otherwise). */
  #mayAuthenticate(conn: Connection, token: unknown): boolean {
    if (conn.session) {
      closeSocket(conn.ws, 4005, "Already authenticated");
      return false;
    }
    if (!this.#tokenOk(token)) {
      closeSocket(conn.ws, 4004, "Authentication failed");
      return false;
    }
    return true;
  }

  #identify(conn: Connection, d: Record<string, unknown>): void {
    if (!this.#mayAuthenticate(conn, d["token"])) return;
    const shard = Array.isArray(d["shard"]) ? (d["shard"] as unknown[]) : [0, 1];
    const shardId = Number(shard[0] ?? 0);
    const shardCount = Number(shard[1] ?? 1);
    if (!Number.isInteger(shardId) || !Number.isInteger(shardCount) || shardId < 0 || shardCount < 1 || shardId >= shardCount) {
      closeSocket(conn.ws, 4010, "Invalid shard");
      return;
    }
    this.identifies++;
    const session: Session = {
      id: randomBytes(16).toString("hex"),
      shardId,
      seq: 0,
      log: [],
      conn,
    };
    conn.session = session;
    const previous = this.#shardSessions.get(shardId);
    if (previous && previous !== session && !previous.conn) this.#sessions.delete(previous.id);
    this.#sessions.set(session.id, session);
    this.#shardSessions.set(shardId, session);

    const guildIds = this.#host.guildIdsForShard(shardId, shardCount);
    this.#dispatchTo(session, "READY", {
      v: 10,
      user_settings: {},
      user: this.#host.botUser,
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: this.#url,
      shard: [shardId, shardCount],
      application: { id: this.#host.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ["fake-local"],
      auth: {},
      _trace: ['["fake-gateway",{"micros":0}]'],
    });
    for (const id of guildIds) {
      this.#dispatchTo(session, "GUILD_CREATE", this.#host.guildCreatePayload(id));
    }
    this.#markReady(shardId);
  }

  #resume(conn: Connection, d: Record<string, unknown>): void {
    if (!this.#mayAuthenticate(conn, d["token"])) return;
    const session = typeof d["session_id"] === "string" ? this.#sessions.get(d["session_id"]) : undefined;
    if (!session) {
      send(conn.ws, { op: 9, d: false });
      return;
    }
    const old = session.conn;
    if (old && old !== conn) {
      old.session = null;
      closeSocket(old.ws, 4000, "Session resumed elsewhere");
    }
    this.resumes++;
    session.conn = conn;
    conn.session = session;
    this.#shardSessions.set(session.shardId, session);
    const seq = typeof d["seq"] === "number" ? d["seq"] : 0;
    for (const entry of session.log) {
      if (entry.s > seq) send(conn.ws, { op: 0, t: entry.t, s: entry.s, d: entry.d });
    }
    this.#dispatchTo(session, "RESUMED", { _trace: ['["fake-gateway",{"micros":0}]'] });
    this.#markReady(session.shardId);
  }

  #tokenOk(token: unknown): boolean {
    const expected = this.#host.token;
    if (expected === undefined) return typeof token === "string" && token.length > 0;
    return token === expected || token === `Bot ${expected}`;
  }

  #dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const entry: LoggedDispatch = { s: session.seq, t, d };
    session.log.push(entry);
    if (session.log.length > MAX_LOG) session.log.splice(0, session.log.length - MAX_LOG);
    if (session.conn) send(session.conn.ws, { op: 0, t, s: entry.s, d });
  }
}

function send(ws: WebSocket, payload: { op: number; d?: unknown; s?: number | null; t?: string | null }): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  ws.send(JSON.stringify({ op: payload.op, d: payload.d ?? null, s: payload.s ?? null, t: payload.t ?? null }));
}

function closeSocket(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
    ws.close(code, reason);
    // Do not wait forever for the client's closing handshake.
    setTimeout(() => ws.terminate(), 1000).unref();
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}
