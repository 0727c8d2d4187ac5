import MiniSearch, { type SearchResult } from "minisearch";
import { stemmer } from "stemmer";
import { eng } from "stopword";
import type { Catalog } from "../catalog/load.ts";
import type { Quote } from "../catalog/schema.ts";
import { normalize, tokens } from "./text.ts";

const STOP = new Set(eng.map((w) => normalize(w)));
/** Words so common in this domain that they tell quotes apart no better than "the". */
const DOMAIN_STOP = new Set(["said", "say", "says", "quote", "who"]);

/** Folds a word to its stem so "violating", "violated" and "violation" meet. */
export function stemWord(word: string): string {
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

/** Query and document words, folded the same way: normalized, stopwords out, stemmed. */
export function quoteTerms(text: string): string[] {
  return tokens(normalize(text))
    .filter((t) => !STOP.has(t) && !DOMAIN_STOP.has(t))
    .map(stemWord);
}

export interface QuoteHit {
  quote: Quote;
  score: number;
  /** Share of the query's meaningful words the quote accounts for (0 to 1). */
  coverage: number;
}

interface QuoteDoc {
  id: string;
  text: string;
  speaker: string;
  about: string;
}

/** A token index over quotes (their wording and variants, speaker, role, context, treaty names). */
export class QuoteIndex {
  private readonly search: MiniSearch<QuoteDoc>;
  private readonly byId: Map<string, Quote>;

  constructor(catalog: Catalog) {
    this.byId = new Map(catalog.quotes.map((q) => [q.id, q]));
    this.search = new MiniSearch<QuoteDoc>({
      fields: ["text", "speaker", "about"],
      tokenize: (text) => tokens(normalize(text)),
      processTerm: (term) => (STOP.has(term) || DOMAIN_STOP.has(term) ? null : stemWord(term)),
      searchOptions: { boost: { text: 2, speaker: 2, about: 1 }, fuzzy: (term) => (term.length >= 5 ? 0.2 : term.length >= 4 ? 1 : 0), prefix: (term) => term.length >= 4, combineWith: "OR" },
    });
    this.search.addAll(
      catalog.quotes.map((q) => ({
        id: q.id,
        text: [q.text, ...q.variants.map((v) => v.text)].join(" \n "),
        speaker: `${q.speaker} ${q.role}`,
        about: [q.context, ...q.treaties.flatMap((id) => {
          const t = catalog.treatyById.get(id);
          return t ? [t.abbreviation, t.name, ...t.aliases] : [id];
        })].join(" "),
      })),
    );
  }

  find(query: string, limit = 4): QuoteHit[] {
    const text = query.slice(0, 600);
    const terms = [...new Set(quoteTerms(text))];
    if (terms.length === 0) return [];
    const results: SearchResult[] = this.search.search(text);
    return results.slice(0, limit).flatMap((r) => {
      const quote = this.byId.get(r.id as string);
      if (!quote) return [];
      const matched = new Set(r.queryTerms);
      return [{ quote, score: r.score, coverage: terms.filter((t) => matched.has(t)).length / terms.length }];
    });
  }
}
