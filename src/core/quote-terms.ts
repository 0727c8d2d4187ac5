// How quote text and queries are cut into terms: normalized, stopwords out, stemmed. Shared by the index and the lexicon build.
import { createHash } from "node:crypto";
import { stemmer } from "stemmer";
import { eng } from "stopword";
import type { Quote } from "../catalog/schema.ts";
import { normalize, stopwordSlips, tokens } from "./text.ts";

/** English stopwords, plus words that only frame the question ("who said") or hedge ("may", "not"). */
const STOP = new Set([
  ...eng.map((w) => normalize(w)),
  ...["said", "say", "says", "quote", "who", "not", "may", "might", "must", "shall", "will", "would", "can", "could", "should", "its"],
]);

/** How much of a query is read: a quote fragment is a sentence or two, and a longer text only costs time. */
export const QUERY_READ_LIMIT = 600;

/** A stopword, or a lone letter ("w", the "d" of "d&d", the "n" of "pros n cons"): no quote is found by one. */
export function isStopword(word: string): boolean {
  return STOP.has(word) || (word.length === 1 && word >= "a" && word <= "z");
}

/** The stopword a word no dictionary knows is a slip for ("becuase", "thier"), if any. */
export const stopwordSlipped = stopwordSlips(STOP);

/** Folds a word to its stem so "violating", "violated" and "violation" meet. */
export function stemWord(word: string): string {
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

/** Negated auxiliaries typed without the apostrophe, as chat often types them ("cant", "doesnt"). */
const UNMARKED_NEGATIONS: ReadonlyMap<string, string> = new Map(
  [
    ["cant", "can not"], ["dont", "do not"], ["doesnt", "does not"], ["didnt", "did not"], ["isnt", "is not"], ["wasnt", "was not"],
    ["arent", "are not"], ["werent", "were not"], ["wont", "will not"], ["wouldnt", "would not"], ["couldnt", "could not"],
    ["shouldnt", "should not"], ["hasnt", "has not"], ["havent", "have not"], ["hadnt", "had not"],
  ] as const,
);
const UNMARKED_NEGATION = new RegExp(`\\b(?:${[...UNMARKED_NEGATIONS.keys()].join("|")})\\b`, "gi");

/**
 * English contractions spelled out, so "weren't" and "it's" leave no stray "weren", "t" or "s" behind
 * ("n't" becomes "not"; "'s", "'re", "'ve", "'ll", "'d" and "'m" carry no meaning a quote is found by).
 */
export function expandContractions(text: string): string {
  return text
    .replace(UNMARKED_NEGATION, (word: string) => UNMARKED_NEGATIONS.get(word.toLowerCase()) ?? word)
    .replace(/\b(can)['’]t\b/gi, "$1 not")
    .replace(/\b(wo)n['’]t\b/gi, "will not")
    .replace(/\b(sha)n['’]t\b/gi, "shall not")
    .replace(/n['’]t\b/gi, " not")
    .replace(/(\p{L})['’](s|re|ve|ll|d|m)\b/giu, "$1");
}

const UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const NUMBER_WORDS = new Map<string, number>([...UNITS.map((w, i) => [w, i] as const), ...TENS.flatMap((w, i) => (w ? [[w, i * 10] as const] : []))]);
const SCALES = new Map([["hundred", 100], ["thousand", 1_000], ["million", 1_000_000]]);

/** The one word that spells a number ("4" → "four", "30" → "thirty"), if there is one. */
export function spelledNumber(digits: string): string | undefined {
  const n = Number(digits);
  if (String(n) !== digits) return undefined;
  return n < 20 ? UNITS[n] : n < 100 && n % 10 === 0 ? TENS[n / 10] : [...SCALES].find(([, v]) => v === n)?.[0];
}

/** Whether a number word extends the number read so far: "twenty five", "one hundred ten", "two thousand five", but not "five five". */
function continues(current: number, total: number, value: number): boolean {
  if (current === 0) return total > 0;
  if (current % 100 === 0) return true;
  const rest = current % 100;
  return rest >= 20 && rest % 10 === 0 && value < 10;
}

/**
 * Spelled-out cardinal numbers as digits, so "thirty-five states" meets "35 states" and "seven" meets "7".
 * Runs like "one hundred and ten" become one number; ordinals ("first") and "a" are left alone.
 */
export function foldNumberWords(words: readonly string[]): string[] {
  const out: string[] = [];
  let total = 0;
  let current = 0;
  let inNumber = false;
  const flush = () => {
    if (inNumber) out.push(String(total + current));
    total = current = 0;
    inNumber = false;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const value = NUMBER_WORDS.get(w);
    const scale = SCALES.get(w);
    if (value !== undefined) {
      if (inNumber && !continues(current, total, value)) flush();
      current += value;
      inNumber = true;
    } else if (scale !== undefined && inNumber) {
      if (scale === 100) current *= 100;
      else (total += current * scale), (current = 0);
    } else if (w === "and" && inNumber && NUMBER_WORDS.has(words[i + 1] ?? "") && (total > 0 || current >= 100)) {
      continue;
    } else {
      flush();
      out.push(w);
    }
  }
  flush();
  return out;
}

/** Prefixes written joined, hyphenated or apart: "nonproliferation", "non-proliferation", "anti ballistic". */
const JOINING_PREFIXES = new Set(["non", "anti"]);

/**
 * The words of a quote or query, before stopwords and stemming. A prefix written apart or hyphenated is also read
 * joined to its word ("non-proliferation" gives "non", "proliferation" and "nonproliferation"), so either spelling
 * finds the other. Joined words are never split: "nonsense" is not "non sense".
 */
export function quoteTokens(text: string): string[] {
  const words = foldNumberWords(tokens(normalize(expandContractions(text))));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    out.push(word);
    const before = words[i - 1];
    if (before !== undefined && JOINING_PREFIXES.has(before) && /^\p{L}+$/u.test(word)) out.push(before + word);
  }
  return out;
}

/**
 * The initials a name is known by, for the names in a text: capitalised words in a row, or joined by "of"
 * ("Minister of Foreign Affairs" → "mfa", "International Atomic Energy Agency" → "iaea"); "of the" ends a name, so
 * "Secretary-General of the United Nations" gives "sg" and "un". Initials that spell a stopword ("is") are left out.
 */
export function acronymsIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\p{Lu}\p{Ll}+(?:[ -](?:of )?\p{Lu}\p{Ll}+)+/gu)) {
    const initials = normalize(m[0].split(/[ -]/).filter((w) => w !== "of").map((w) => w[0]!).join(""));
    if (!isStopword(initials)) out.add(initials);
  }
  return [...out];
}

/** Whether a text is written mostly in Latin letters, not Cyrillic or another script. */
function mostlyLatin(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  return letters.filter((c) => /\p{Script=Latin}/u.test(c)).length > letters.length / 2;
}

/**
 * Whether a text reads as English: in Latin letters, and, if it is a sentence, with English stopwords ("the", "of",
 * "will") among its words. English sentences in our quotes have 17% or more of them; German, French, Italian and Spanish
 * ones 9% or fewer. A fragment of a few words ("clear and blatant violation") is taken as English.
 */
export function readsAsEnglish(text: string): boolean {
  if (!mostlyLatin(text)) return false;
  const words = quoteTokens(text);
  return words.length < 5 || words.filter((w) => STOP.has(w)).length / words.length >= 0.12;
}

export function quoteTerms(text: string): string[] {
  return quoteWords(text).map(stemWord);
}

/** The meaningful words of a text, unstemmed (general-English frequency is looked up by word form). */
export function quoteWords(text: string): string[] {
  return quoteTokens(text).filter((t) => !isStopword(t));
}

/** Words that turn the meaning of the next word around ("never acceptable"). */
const NEGATORS = new Set(["not", "never", "no", "nor", "neither", "without", "hardly"]);

/** Verbs that say who spoke: the words just before them ("putin said", "nato's chief insisted") name the speaker. */
const ATTRIBUTION = new Set(["said", "says", "say", "called", "calls", "calling", "described", "describes", "describing", "told", "tells", "insisted", "insists", "insisting", "claimed", "claims", "claiming", "tweeted", "wrote", "warned", "warns", "warning", "argued", "argues", "accused", "accuses", "accusing", "declared", "declares", "stated", "announced", "announces", "vowed", "vows", "urged", "urges", "urging", "blamed", "blames", "blaming", "admitted", "admits", "complained", "asserted", "maintained", "maintains", "remarked", "lamented", "laments", "noted", "notes", "stressed", "stresses", "observed", "commented", "replied", "responded", "explained", "explains", "acknowledged", "conceded", "pledged", "pledges", "promised", "promises", "threatened", "threatens", "predicted", "recalled", "recalls", "reiterated", "emphasised", "emphasized", "proclaimed", "cautioned", "cautions"]);
/** Question words that open a question about something, not a quote: "which launcher is best", "how do i …". */
const QUESTION_WORDS = new Set(["what", "whats", "which", "how", "why", "where"]);
/** Verbs that open a yes-no question when a subject follows: "is the …", "do i …", "can someone …". */
const AUXILIARIES = new Set(["is", "are", "was", "were", "am", "do", "does", "did", "can", "could", "should", "would", "will", "has", "have"]);
/** Words that open the subject of such a question (a quote fragment opens otherwise: "is very disappointing", "will not be effective"). */
const SUBJECTS = new Set(["i", "you", "we", "they", "he", "she", "it", "there", "the", "a", "an", "my", "your", "our", "their", "this", "that", "these", "those", "anyone", "anybody", "someone", "somebody"]);
/** Nouns for people who speak for a state or a body: "which president …" asks who ("which country …" asks as often about a match). */
const SPEAKER_NOUNS = new Set(["president", "minister", "leader", "chief", "official", "spokesman", "spokeswoman", "spokesperson", "secretary", "general", "senator", "congressman", "diplomat", "ambassador", "chancellor", "premier", "envoy", "negotiator", "head", "boss"]);
/** Words that show a question is about who said what ("what did reagan say about the inf", "who called it …"). */
const ABOUT_WORDS = new Set(["who", "whom", "quote", "quoted", "quotes", "saying", "line", "words", "remark", "remarks", "speech", "statement", "proverb", "maxim", "motto", "slogan", "adage", "catchphrase"]);
/** Words after which "saying" is a verb ("keeps saying", "he's saying"), not a word for a saying ("the old saying"). */
const SAYING_AS_VERB_AFTER = new Set([...AUXILIARIES, "keep", "keeps", "kept", "keeping", "be", "been", "being", "just", "always", "still", "stop", "stops", "stopped", "start", "started", "i", "you", "he", "she", "we", "they", "it"]);

/** The words of a query that show it is about who said what; "saying" used as a verb is none ("the bot keeps saying …"). */
function aboutWordsIn(typed: readonly string[]): string[] {
  return typed.filter((t, i) => ABOUT_WORDS.has(t) && !(t === "saying" && i > 0 && SAYING_AS_VERB_AFTER.has(typed[i - 1]!)));
}

/**
 * Whether a query that names no saying asks a question about something else: "is there a nuclear option for fixing my
 * git history?", "which missile launcher is best?". Such a question is no quote, however many of our words it uses.
 * "surely" for a question word, "when" before an auxiliary ("when did …"), an auxiliary with a subject ("is there",
 * "do i"), or a later clause that asks the reader ("…, which class should i pick"); "perhaps" for an auxiliary before
 * anything else, which opens a quote's fragment as often ("is very disappointing", "will not be effective") as a
 * question ("is open sky a good airline").
 */
function asksSomethingElse(query: string, typed: readonly string[]): "surely" | "perhaps" | false {
  const [first, second] = typed;
  if (first === undefined) return false;
  // "when" opens a question only before an auxiliary ("when did the uk ratify …"); otherwise a clause ("when it expires tomorrow …").
  const asksWhen = first === "when" && second !== undefined && AUXILIARIES.has(second);
  // "which president …", "what minister …" asks who, as "who" does.
  if ((first === "which" || first === "what") && second !== undefined && SPEAKER_NOUNS.has(second)) return false;
  if (QUESTION_WORDS.has(first) || asksWhen || (AUXILIARIES.has(first) && second !== undefined && SUBJECTS.has(second))) return "surely";
  if (asksInALaterClause(query)) return "surely";
  return AUXILIARIES.has(first) ? "perhaps" : false;
}

/** The people a question asks for advice or opinion: "should i", "do you", "can we". */
const ASKERS = new Set(["i", "you", "we"]);

/**
 * Whether a clause after the first asks its own question of the reader: "new start in elden ring, which class should i
 * pick". A quote's relative clause ("…, which we consider a mistake") puts no auxiliary before "i", "you" or "we".
 */
function asksInALaterClause(query: string): boolean {
  const clauses = query.slice(0, QUERY_READ_LIMIT).split(/[,;.!?]+/).slice(1);
  return clauses.some((clause) => {
    const words = ownWords(clause);
    if (!QUESTION_WORDS.has(words[0] ?? "")) return false;
    const opening = words.slice(1, 5);
    return opening.some((w, i) => AUXILIARIES.has(w) && ASKERS.has(opening[i + 1] ?? ""));
  });
}

/** Text in quotation marks, double or single ("who said 'i am become death …'"); a single quote inside a word is an apostrophe. */
const QUOTED = /["“”«»]([^"“”«»]+)["“”«»]|(?<![\p{L}\p{N}])['‘’]((?:[^'‘’]|(?<=\p{L})['‘’](?=\p{L}))+?)['‘’](?![\p{L}\p{N}])/gu;
/** A quoted span this long or longer is a line someone claims word for word; shorter ones quote a term ("arms control"). */
const QUOTED_MIN_WORDS = 3;

/** How many quoted lines are read: a query quotes one line, perhaps two; more is pasted text, and each costs a search. */
const QUOTED_MAX_LINES = 3;

/** The distinct lines a query gives in quotation marks, of three words or more: the first few. */
export function quotedLines(query: string): string[] {
  const out = new Set<string>();
  for (const m of query.slice(0, QUERY_READ_LIMIT).matchAll(QUOTED)) {
    const line = (m[1] ?? m[2] ?? "").trim();
    if (ownWords(line).length >= QUOTED_MIN_WORDS) out.add(line);
    if (out.size === QUOTED_MAX_LINES) break;
  }
  return [...out];
}

/** Words of someone talking about their own day: "my roommate", "makes me", "lol" ("mine" is also a landmine). */
const OWN_LIFE = new Set(["my", "me", "myself", "im", "lol", "lmao", "lmfao"]);

/** How a query asks, read from its own words once. */
export interface Request {
  /** Whether it asks something other than who said what (see `asksSomethingElse`). */
  question: "surely" | "perhaps" | false;
  /**
   * Whether it talks about its writer's own life ("my cat launches herself off the bookshelf like a guided missile lol")
   * without asking who said something ("my dad always says trust but verify, who said it first?"). A quote that such chat
   * merely shares words with is no answer to it; a quote it repeats closely still is.
   */
  aboutSelf: boolean;
  /**
   * Whether it says it is after a quote: a verb of saying ("putin said …", "the nato chief warned …") or a word for a
   * saying ("the quote where …", "that line about …"). "who" alone is not enough: "who won the world cup" asks no quote.
   */
  forQuote: boolean;
}

export function readRequest(query: string): Request {
  // Its own words, lower-cased as typed: the index's reading folds "i" into the numeral 1 ("SALT I").
  const typed = ownWords(query);
  const about = aboutWordsIn(typed);
  const attributed = typed.some((t) => ATTRIBUTION.has(t));
  return {
    // A question about a quote names saying ("what did putin say about …", "who said …").
    question: attributed || about.length > 0 ? false : asksSomethingElse(query, typed),
    aboutSelf: about.length === 0 && typed.some((t) => OWN_LIFE.has(t)),
    forQuote: attributed || about.some((t) => t !== "who" && t !== "whom"),
  };
}

/** A query's words lower-cased as typed, contractions spelled out, without the index's folding ("i" → "1"). */
function ownWords(query: string): string[] {
  return expandContractions(query.slice(0, QUERY_READ_LIMIT)).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Words that open a request for a quote rather than the quote itself: "who first said …", "quote: …". */
const FRAMING = new Set(["who", "whom", "said", "says", "say", "wrote", "quote", "quoted", "first", "originally"]);

/** A query's words after the request that opens it ("who said", "who first said", "quote"), which are no part of the quote. */
export function withoutFraming(typed: readonly string[]): readonly string[] {
  let start = 0;
  while (start < typed.length && FRAMING.has(typed[start]!)) start++;
  return typed.slice(start);
}

/** How far into a query its speaker is looked for: "the nato secretary general said" is five tokens. */
const OPENING = 5;

export interface QueryWord {
  word: string;
  stem: string;
  /** A negator stands between this word and the meaningful word before it. */
  negated: boolean;
  /** It names who spoke: it comes just before a verb of saying ("putin" in "putin said"). */
  speaker?: boolean;
  /** A word joined to its prefix ("nonproliferation" from "non-proliferation"), read after the two: the prefix, and the stem of the word without it. */
  joins?: { prefix: string; part: string };
}

/** The meaningful words of a query in order (from its `quoteTokens`), each with its stem and whether it is negated. */
export function queryWords(typed: readonly string[]): QueryWord[] {
  const out: QueryWord[] = [];
  let negated = false;
  // The meaningful words typed since the last stopword, and whether the query's speaker has been read yet.
  let run: QueryWord[] = [];
  let speakerRead = false;
  for (const [i, t] of typed.entries()) {
    // A verb of saying that opens the query, and the one or two words right before it: "nato boss said …", not
    // "after we said" or "…, and moscow says it wants that too".
    if (ATTRIBUTION.has(t) && !speakerRead && i <= OPENING) {
      speakerRead = true;
      for (const w of run.slice(-2)) w.speaker = true;
    }
    if (isStopword(t)) {
      run = [];
      negated ||= NEGATORS.has(t);
      continue;
    }
    const word: QueryWord = { word: t, stem: stemWord(t), negated };
    // "non-proliferation" comes as "non", "proliferation" and "nonproliferation": the finder keeps one reading.
    const [prefix, part] = [typed[i - 2], typed[i - 1]];
    if (prefix !== undefined && part !== undefined && JOINING_PREFIXES.has(prefix) && t === prefix + part) word.joins = { prefix, part: stemWord(part) };
    out.push(word);
    run.push(word);
    negated = NEGATORS.has(t);
  }
  return out;
}

/** A quote's texts as the finder reads them: its wording, its variants' wordings and its context. */
export function quoteTexts(q: Quote): string[] {
  return [...quoteWordings(q), q.context];
}

/** A quote's distinct wordings: a second source that prints the same words confirms them, and is no second wording. */
export function quoteWordings(q: Quote): string[] {
  return [...new Set([q.text, ...q.variants.map((v) => v.text)])];
}

/** Every term our quotes use (their wording and variants), which the synonym table is built for. */
export function quoteVocabulary(quotes: readonly Quote[]): Set<string> {
  return new Set(quotes.flatMap(quoteTexts).flatMap(quoteTerms));
}

export function vocabularyHash(vocabulary: ReadonlySet<string>): string {
  return createHash("sha256").update([...vocabulary].sort().join(" ")).digest("hex").slice(0, 16);
}
