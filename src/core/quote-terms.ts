// How quote text and queries are cut into terms: normalized, stopwords out, stemmed. Shared by the index and the lexicon build.
import { createHash } from "node:crypto";
import { stemmer } from "stemmer";
import { eng } from "stopword";
import type { Quote } from "../catalog/schema.ts";
import { normalize, tokens } from "./text.ts";

/** English stopwords, plus words that only frame the question ("who said") or hedge ("may", "not"). */
const STOP = new Set([...eng.map((w) => normalize(w)), "said", "say", "says", "quote", "who", "not", "may", "might", "must", "shall", "will", "would", "can", "could", "should"]);

export function isStopword(word: string): boolean {
  return STOP.has(word);
}

/** Folds a word to its stem so "violating", "violated" and "violation" meet. */
export function stemWord(word: string): string {
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

export function quoteTerms(text: string): string[] {
  return quoteWords(text).map(stemWord);
}

/** The meaningful words of a text, unstemmed (general-English frequency is looked up by word form). */
export function quoteWords(text: string): string[] {
  return tokens(normalize(text)).filter((t) => !STOP.has(t));
}

/** Every term our quotes use (their wording and variants), which the synonym table is built for. */
export function quoteVocabulary(quotes: readonly Quote[]): Set<string> {
  const vocab = new Set<string>();
  for (const q of quotes) for (const text of [q.text, ...q.variants.map((v) => v.text), q.context]) for (const t of quoteTerms(text)) vocab.add(t);
  return vocab;
}

export function vocabularyHash(vocabulary: ReadonlySet<string>): string {
  return createHash("sha256").update([...vocabulary].sort().join(" ")).digest("hex").slice(0, 16);
}
