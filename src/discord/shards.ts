// Several gateway shards in separate processes, through discord.js's own ShardingManager (SHARD_COUNT=N).
import { fileURLToPath } from "node:url";
import { ShardingManager } from "discord.js";
import type { Logger } from "../log.ts";

export interface ShardOptions {
  token: string;
  totalShards: number;
  /** The entry the shard processes run: the bot's own main module. */
  entry: string;
  log: Logger;
  /** Discord wants about five seconds between two IDENTIFYs; tests against a local fake need none. */
  spawnDelayMs?: number;
}

/** Spawns one process per shard; each serves (and schedules posts for) only the guilds Discord routes to it. */
export async function runShards({ token, totalShards, entry, log, spawnDelayMs = 5500 }: ShardOptions): Promise<ShardingManager> {
  // The count is given, so the manager never asks Discord's own API for a recommendation (it ignores DISCORD_API_BASE).
  const manager = new ShardingManager(entry.startsWith("file:") ? fileURLToPath(entry) : entry, {
    token,
    totalShards,
    mode: "process",
    respawn: true,
    execArgv: process.execArgv,
  });
  manager.on("shardCreate", (shard) => {
    log.info({ shardId: shard.id, totalShards }, "shard process started");
    shard.on("death", () => log.warn({ shardId: shard.id }, "shard process exited; the manager restarts it"));
  });
  const stop = () => {
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, stop);
  await manager.spawn({ amount: totalShards, delay: spawnDelayMs, timeout: 60_000 });
  return manager;
}
