import Fuse from "fuse.js";
import type { Treaty } from "../catalog/schema.ts";
import { compact, normalize, STOPWORDS, tokens } from "./text.ts";

export type KeyKind = "abbreviation" | "name" | "alias" | "id";
/** How a hit was found, shown to people so the ranking can be read. */
export type HitKind = "exact" | "prefix" | "fuzzy";

export interface TreatyHit {
  treaty: Treaty;
  /** 0 is a perfect match, 1 the worst still returned. */
  score: number;
  kind: HitKind;
  /** The name, abbreviation or alias that matched, as written in the data. */
  label: string;
}

interface Key {
  treaty: Treaty;
  kind: KeyKind;
  label: string;
  norm: string;
}

/** Queries longer than this are cut before matching: no treaty name is longer, and fuzzy cost grows with length. */
const MAX_QUERY = 300;
const KIND_ORDER: Record<KeyKind, number> = { abbreviation: 0, id: 1, name: 2, alias: 3 };

/**
 * The fuzzy index over every treaty's names, abbreviations and aliases (all languages).
 * Exact keys are answered from a map; the rest goes through fuse.js, and every fuzzy hit must
 * account for each meaningful word of the query, so "kyoto protocol" never lands on the Geneva Protocol.
 */
export class TreatyIndex {
  private readonly exact = new Map<string, Key[]>();
  private readonly fuse: Fuse<Key>;
  /** Per treaty: its vocabulary, and a fuzzy matcher over it for typo-tolerant word checks. */
  private readonly words = new Map<string, { set: Set<string>; list: string[]; fuse: Fuse<string> }>();

  constructor(readonly treaties: readonly Treaty[]) {
    const keys: Key[] = [];
    for (const treaty of treaties) {
      const add = (kind: KeyKind, label: string) => {
        const norm = normalize(label);
        if (norm) keys.push({ treaty, kind, label, norm });
      };
      add("abbreviation", treaty.abbreviation);
      add("name", treaty.name);
      add("id", treaty.id);
      for (const alias of treaty.aliases) add("alias", alias);
    }
    for (const key of keys) {
      const c = compact(key.norm);
      const list = this.exact.get(c) ?? [];
      if (!list.some((k) => k.treaty === key.treaty)) list.push(key);
      this.exact.set(c, list);
    }
    this.fuse = new Fuse(keys, { keys: ["norm"], includeScore: true, ignoreLocation: true, threshold: 0.34, minMatchCharLength: 2 });
    for (const treaty of treaties) {
      const set = new Set(keys.filter((k) => k.treaty === treaty).flatMap((k) => tokens(k.norm)));
      const list = [...set];
      this.words.set(treaty.id, { set, list, fuse: new Fuse(list, { includeScore: true, ignoreLocation: true, threshold: 0.3 }) });
    }
  }

  /** Best hits first. An empty list means nothing fits well enough. */
  search(query: string, limit = 5, { partial = false }: { partial?: boolean } = {}): TreatyHit[] {
    const norm = normalize(query.slice(0, MAX_QUERY * 2)).slice(0, MAX_QUERY).trim();
    if (!norm) return [];
    const content = tokens(norm).filter((t) => !STOPWORDS.has(t));
    if (content.length === 0) return [];

    const best = new Map<string, TreatyHit & { order: number }>();
    const offer = (key: Key, score: number, kind: HitKind) => {
      const prev = best.get(key.treaty.id);
      const order = KIND_ORDER[key.kind];
      if (!prev || score < prev.score || (score === prev.score && order < prev.order)) {
        best.set(key.treaty.id, { treaty: key.treaty, score, kind, label: key.label, order });
      }
    };

    for (const key of this.exact.get(compact(norm)) ?? []) offer(key, 0, "exact");
    for (const r of this.fuse.search(norm, { limit: 40 })) {
      const key = r.item;
      if (best.get(key.treaty.id)?.score === 0) continue;
      if (!this.coversQuery(key.treaty, content, partial)) continue;
      const prefix = key.norm.startsWith(norm);
      offer(key, prefix ? Math.min(0.05, r.score ?? 1) : Math.max(0.01, r.score ?? 1), prefix ? "prefix" : "fuzzy");
    }
    // Word-level fallback: a query whose every word belongs to one treaty's names ("forces europe conventional").
    if (best.size === 0 && content.length >= 2) {
      for (const treaty of this.treaties) {
        if (this.coversQuery(treaty, content, partial)) {
          const key = { treaty, kind: "name" as const, label: treaty.name, norm: "" };
          offer(key, 0.4, "fuzzy");
        }
      }
    }
    return [...best.values()]
      .sort((a, b) => a.score - b.score || a.order - b.order || a.treaty.name.length - b.treaty.name.length)
      .slice(0, limit)
      .map(({ order: _order, ...hit }) => hit);
  }

  /** Every meaningful query word appears among the treaty's words: exactly, as a typo, or (last word while typing) as a prefix. */
  private coversQuery(treaty: Treaty, content: readonly string[], partial: boolean): boolean {
    const words = this.words.get(treaty.id);
    if (!words) return false;
    // A long query (a full name typed from memory) may get one short word wrong; a short one may not.
    let misses = content.length >= 4 ? 1 : 0;
    return content.every((word, i) => {
      if (this.wordMatches(words, word, partial && i === content.length - 1)) return true;
      return misses-- > 0;
    });
  }

  /** A query word is one of the treaty's words, a typo of one (4+ letters), or, while typing, the start of one. */
  private wordMatches(words: { set: Set<string>; list: string[]; fuse: Fuse<string> }, word: string, typing: boolean): boolean {
    if (words.set.has(word)) return true;
    if (typing && word.length >= 2 && words.list.some((w) => w.startsWith(word))) return true;
    if (word.length < 4) return false;
    const hit = words.fuse.search(word, { limit: 1 })[0];
    return hit !== undefined && (hit.score ?? 1) <= 0.3 && Math.abs(hit.item.length - word.length) <= 2;
  }
}
