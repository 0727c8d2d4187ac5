/** Discord epoch (2015-01-01T00:00:00.000Z) in milliseconds. */
export const DISCORD_EPOCH = 1420070400000n;

let increment = 0n;
let lastTimestamp = 0n;

/**
 * A Discord-style snowflake, unique within this process. Ids are strictly
 * increasing, so their order matches creation order like real ones.
 */
export function snowflake(at: number = Date.now()): string {
  let ts = BigInt(at) - DISCORD_EPOCH;
  if (ts < lastTimestamp) ts = lastTimestamp;
  if (ts === lastTimestamp) {
    increment += 1n;
    if (increment > 0xfffn) {
      ts += 1n;
      increment = 0n;
    }
  } else {
    increment = 0n;
  }
  lastTimestamp = ts;
  // worker id 1, process id 0, then the per-millisecond increment
  return ((ts << 22n) | (1n << 17n) | increment).toString();
}

/** The shard a guild lives on, as Discord computes it. */
export function shardForGuild(guildId: string, shardCount: number): number {
  if (shardCount <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * A fresh guild id that lands on `shardId` when the bot runs `shardCount`
 * shards. Handy when a test needs one guild per shard.
 */
export function guildIdForShard(shardId: number, shardCount: number): string {
  const id = snowflake();
  if (shardCount <= 1 || shardForGuild(id, shardCount) === shardId) return id;
  const count = BigInt(shardCount);
  const base = BigInt(id) >> 22n;
  // A slightly later millisecond whose value lands on the wanted shard; it is
  // reserved so later ids stay unique and increasing.
  const ts = base + ((BigInt(shardId) - (base % count) + count) % count);
  lastTimestamp = ts;
  increment = 0n;
  return ((ts << 22n) | (1n << 17n)).toString();
}

/** The creation time encoded in a snowflake, as an ISO string. */
export function snowflakeTime(id: string): string {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
}
