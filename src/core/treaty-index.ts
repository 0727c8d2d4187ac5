import Fuse from "fuse.js";
import type { Treaty } from "../catalog/schema.ts";
import { compact, isSlipFor, normalize, STOPWORDS, stopwordSlips, tokens } from "./text.ts";

type KeyKind = "abbreviation" | "name" | "alias" | "id";
/** How a hit was found, shown to people so the ranking can be read. */
type HitKind = "exact" | "prefix" | "fuzzy";

export interface TreatyHit {
  treaty: Treaty;
  /** 0 is a perfect match; the larger, the looser. */
  score: number;
  kind: HitKind;
  /** The name, abbreviation or alias that matched, as written in the data. */
  label: string;
}

interface Key {
  treaty: Treaty;
  kind: KeyKind;
  label: string;
  /** The key's meaningful words (stopwords out). */
  words: readonly string[];
}

/** Queries longer than this are cut before matching: no treaty name is longer. */
const MAX_QUERY = 300;
const KIND_ORDER: Record<KeyKind, number> = { abbreviation: 0, id: 1, name: 2, alias: 3 };
/** What a query word costs by how it matched a treaty word (a typo found by counting edits, not by fuse.js, adds `slip`). */
const COST = { exact: 0, prefix: 0.1, typo: 0.2, slip: 0.1 } as const;
/** The share of a key's words a query may leave out before the match counts as loose. */
const UNCOVERED_WEIGHT = 0.4;
/** Bounded, so memory stays flat however many odd words people type. */
const WORD_CACHE_SIZE = 5000;

/**
 * The index over every treaty's names, abbreviations and aliases (all languages).
 * A whole key typed exactly is answered from a map. Otherwise each query word is matched to the
 * treaties' words exactly, as a prefix while typing, or as a typo through fuse.js over the
 * vocabulary; a treaty is a candidate only if it accounts for every meaningful query word, so
 * "kyoto protocol" never lands on the Geneva Protocol.
 */
export class TreatyIndex {
  private readonly exact = new Map<string, Key[]>();
  private readonly keysOf = new Map<string, Key[]>();
  /** word → the treaties whose names use it */
  private readonly postings = new Map<string, Set<string>>();
  private readonly vocabulary: string[];
  private readonly longestWord: number;
  /**
   * Typo matching in small buckets: words of one length that share the first letter, and (for a
   * mistyped first letter) words of one length that share the second. A query word meets only those.
   */
  private readonly fuzzyBuckets = new Map<string, { words: readonly string[]; fuse: Fuse<string> }>();

  constructor(treaties: readonly Treaty[]) {
    for (const treaty of treaties) {
      const keys: Key[] = [];
      const add = (kind: KeyKind, label: string) => {
        const norm = normalize(label);
        if (!norm) return;
        const key: Key = { treaty, kind, label, words: tokens(norm).filter((w) => !STOPWORDS.has(w)) };
        keys.push(key);
        const c = compact(norm);
        const list = this.exact.get(c) ?? [];
        if (!list.some((k) => k.treaty === treaty)) list.push(key);
        this.exact.set(c, list);
        for (const w of key.words) {
          const set = this.postings.get(w) ?? new Set<string>();
          set.add(treaty.id);
          this.postings.set(w, set);
        }
      };
      add("abbreviation", treaty.abbreviation);
      add("name", treaty.name);
      add("id", treaty.id);
      for (const alias of treaty.aliases) add("alias", alias);
      this.keysOf.set(treaty.id, keys);
    }
    this.vocabulary = [...this.postings.keys()].sort();
    this.longestWord = Math.max(0, ...this.vocabulary.map((w) => w.length));
    const buckets = new Map<string, string[]>();
    for (const w of this.vocabulary) {
      for (const key of bucketKeys(w, w.length)) buckets.set(key, [...(buckets.get(key) ?? []), w]);
    }
    for (const [key, words] of buckets) {
      this.fuzzyBuckets.set(key, { words, fuse: new Fuse(words, { includeScore: true, threshold: 0.3, ignoreLocation: true, isCaseSensitive: true }) });
    }
  }

  /** Best hits first. An empty list means nothing fits well enough. */
  search(query: string, limit = 5, { partial = false }: { partial?: boolean } = {}): TreatyHit[] {
    const norm = normalize(query.slice(0, MAX_QUERY * 2)).slice(0, MAX_QUERY).trim();
    if (!norm) return [];
    const best = new Map<string, TreatyHit & { order: number }>();
    const offer = (key: Key, score: number, kind: HitKind) => {
      const prev = best.get(key.treaty.id);
      const order = KIND_ORDER[key.kind];
      if (!prev || score < prev.score || (score === prev.score && order < prev.order)) {
        best.set(key.treaty.id, { treaty: key.treaty, score, kind, label: key.label, order });
      }
    };
    for (const key of this.exact.get(compact(norm)) ?? []) offer(key, 0, "exact");

    const content = [...new Set(tokens(norm).filter((t) => !STOPWORDS.has(t) && !this.misspeltStopword(t)))].slice(0, 24);
    if (content.length > 0) {
      const matches = content.map((word, i) => this.matchWord(word, partial && i === content.length - 1));
      // A long query (a full name typed from memory) may get one word wrong; a short one may not.
      const allowedMisses = content.length >= 4 ? 1 : 0;
      for (const [id, keys] of this.keysOf) {
        if (best.get(id)?.score === 0) continue;
        let misses = 0;
        let cost = 0;
        const hitWords = new Set<string>();
        let prefixOnly = true;
        for (const m of matches) {
          let wordCost = Infinity;
          for (const [w, c] of m) {
            if (this.postings.get(w)?.has(id) && c < wordCost) wordCost = c;
          }
          if (wordCost === Infinity) {
            misses++;
            continue;
          }
          for (const [w, c] of m) if (c === wordCost && this.postings.get(w)?.has(id)) hitWords.add(w);
          if (wordCost !== COST.prefix) prefixOnly = false;
          cost += wordCost;
        }
        if (misses > allowedMisses || misses === content.length) continue;
        const wordCost = (cost + misses * 0.5) / content.length;
        for (const key of keys) {
          if (key.words.length === 0) continue;
          const covered = key.words.filter((w) => hitWords.has(w)).length;
          if (covered === 0) continue;
          const score = Math.max(0.01, wordCost + UNCOVERED_WEIGHT * (1 - covered / key.words.length));
          offer(key, score, prefixOnly && cost > 0 ? "prefix" : "fuzzy");
        }
      }
    }
    return [...best.values()]
      .sort((a, b) => a.score - b.score || a.order - b.order || a.treaty.name.length - b.treaty.name.length)
      .slice(0, limit)
      .map(({ order: _order, ...hit }) => hit);
  }

  /** "trety", "convetion": a typo of a word that names no treaty is as empty as the word itself. */
  private misspeltStopword(word: string): boolean {
    return !this.postings.has(word) && STOPWORD_SLIP(word) !== undefined;
  }

  /** Words repeat across queries (each autocomplete keystroke resends them): remember the last few thousand. */
  private readonly wordCache = new Map<string, ReadonlyMap<string, number>>();

  private matchWord(word: string, typing: boolean): ReadonlyMap<string, number> {
    const cacheKey = `${typing ? "+" : "="}${word}`;
    const cached = this.wordCache.get(cacheKey);
    if (cached) return cached;
    const found = this.matchWordUncached(word, typing);
    if (this.wordCache.size >= WORD_CACHE_SIZE) this.wordCache.delete(this.wordCache.keys().next().value!);
    this.wordCache.set(cacheKey, found);
    return found;
  }

  /** The treaty words a query word stands for, with what each costs: itself, words it begins (while typing), near spellings. */
  private matchWordUncached(word: string, typing: boolean): Map<string, number> {
    const found = new Map<string, number>();
    if (this.postings.has(word)) found.set(word, COST.exact);
    if (typing && word.length >= 2) {
      let i = lowerBound(this.vocabulary, word);
      for (let n = 0; n < 60 && i < this.vocabulary.length && this.vocabulary[i]!.startsWith(word); i++, n++) {
        if (!found.has(this.vocabulary[i]!)) found.set(this.vocabulary[i]!, COST.prefix);
      }
    }
    if (found.size === 0 && word.length >= 3) {
      const spread = word.length >= 8 ? 2 : 1;
      for (let len = word.length - spread; len <= word.length + spread && len <= this.longestWord; len++) {
        for (const key of bucketKeys(word, len)) {
          const bucket = this.fuzzyBuckets.get(key);
          if (!bucket) continue;
          if (word.length >= 4) {
            for (const r of bucket.fuse.search(word, { limit: 3 })) {
              if ((r.score ?? 1) <= 0.3 && !found.has(r.item)) found.set(r.item, COST.typo + (r.score ?? 0) / 3);
            }
          }
          // Fuse scores a swapped or dropped letter in a short word ("skeis", "skys") as far off; count the edits instead.
          for (const w of bucket.words) {
            if (!found.has(w) && isSlipFor(word, w, spread)) found.set(w, COST.typo + COST.slip);
          }
        }
      }
    }
    return found;
  }
}

const STOPWORD_SLIP = stopwordSlips(STOPWORDS);

/** The typo buckets a word of this length falls in: by its first letter and by its second. */
function bucketKeys(word: string, length: number): string[] {
  return [`${length}:1${word[0] ?? ""}`, `${length}:2${word[1] ?? ""}`];
}

function lowerBound(sorted: readonly string[], target: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
