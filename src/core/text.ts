import damerauLevenshtein from "damerau-levenshtein";

/** Text folding shared by every index: case, accents, punctuation and Roman numerals do not matter. */

const ROMAN: Record<string, string> = { i: "1", ii: "2", iii: "3", iv: "4" };

/** "START-II Treaty (Traité)" → "start 2 treaty traite". Cyrillic and other scripts are kept. */
export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .map((t) => ROMAN[t] ?? t)
    .join(" ");
}

/**
 * Chat markup that is no part of what was asked: user, role and channel mentions ("<@123>", "<@&4>", "<#5>"),
 * "@everyone" and "@here", custom emoji ("<:nuke:6>"), timestamps ("<t:1700000000:R>") and links. Markdown markers
 * ("**", "||", "`") need nothing here: `normalize` drops every mark that is not a letter or digit.
 */
const CHAT_MARKUP = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|<t:-?\d+(?::\w)?>|@(?:everyone|here)\b|\bhttps?:\/\/\S+/giu;

/** "<@123> @everyone **trust** but verify" → "  **trust** but verify". */
export function withoutChatMarkup(text: string): string {
  return text.replace(CHAT_MARKUP, " ");
}

export function tokens(normalized: string): string[] {
  return normalized === "" ? [] : normalized.split(" ");
}

/** The same text with its spaces removed, so "new start" meets "newstart". */
export function compact(normalized: string): string {
  return normalized.replace(/ /g, "");
}

/**
 * Words that say nothing about which treaty is meant, in the languages of our aliases.
 * A query made only of these matches no treaty.
 */
export const STOPWORDS = new Set([
  "the", "a", "an", "of", "on", "in", "and", "for", "to", "with", "between", "by", "at", "about",
  "treaty", "treaties", "agreement", "convention", "accord", "pact", "arrangement", "what", "is", "tell", "me",
  "de", "la", "le", "les", "des", "du", "sur", "et", "en", "traite", "l", "d",
  "el", "los", "las", "del", "y", "tratado", "sobre", "convencion",
  "der", "die", "das", "und", "uber", "vertrag", "zur", "von",
  "о", "об", "и", "по", "в", "договор", "конвенция",
]);

/**
 * Finds the function word a typed word is a slip for ("becuase" → "because", "trety" → "treaty", "teh" → "the"): one
 * letter added, dropped, changed or swapped with its neighbour, or two in a word of eight letters or more. A word of three
 * or four letters is read only as two neighbouring letters swapped: any other slip in so short a word makes too many real
 * words. Callers check first that the word is no word they know.
 */
export function stopwordSlips(words: Iterable<string>): (word: string) => string | undefined {
  const candidates = [...new Set(words)].filter((w) => w.length >= 3);
  return (word) => {
    if (word.length < 3 || word.length > 14) return undefined;
    if (word.length < 5) return candidates.find((c) => isSwapOf(word, c));
    const allowed = word.length >= 8 ? 2 : 1;
    let best: { word: string; steps: number } | undefined;
    for (const candidate of candidates) {
      if (candidate.length < 4 || Math.abs(candidate.length - word.length) > allowed) continue;
      const { steps } = damerauLevenshtein(word, candidate);
      if (steps <= allowed && (best === undefined || steps < best.steps)) best = { word: candidate, steps };
    }
    return best?.word;
  };
}

/**
 * Whether a typed word is a keyboard slip for a known one: at most `allowed` letters added, dropped, changed or swapped
 * with a neighbour (Damerau distance). A word of three letters or fewer is a slip only by a swap ("nwe" for "new"): one
 * changed letter makes it too many other words.
 */
export function isSlipFor(typed: string, word: string, allowed: number): boolean {
  return typed.length < 4 ? isSwapOf(typed, word) : damerauLevenshtein(typed, word).steps <= allowed;
}

/** "teh" and "the": the same letters, two neighbours swapped. */
function isSwapOf(typed: string, word: string): boolean {
  if (typed.length !== word.length || typed === word) return false;
  const i = [...typed].findIndex((c, k) => c !== word[k]);
  return typed[i] === word[i + 1] && typed[i + 1] === word[i] && typed.slice(i + 2) === word.slice(i + 2);
}

/** Cuts a string to at most `max` characters without splitting a surrogate pair, adding an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** A language's English name from its ISO 639-1 code ("ru" → "Russian"), or undefined for a code no language has. */
export function languageName(code: string): string | undefined {
  return LANGUAGE_NAMES.of(code);
}
