import MiniSearch from "minisearch";
import type { Catalog } from "../catalog/load.ts";
import type { Quote } from "../catalog/schema.ts";
import { acronymsIn, isStopword, QUERY_READ_LIMIT, queryWords, quoteTerms, quoteTokens, quoteWordings, quoteWords, stemWord, stopwordSlipped, withoutFraming, type QueryWord } from "./quote-terms.ts";
import { rarity } from "./word-rarity.ts";
import { isSlipFor, normalize } from "./text.ts";

export interface QuoteHit {
  quote: Quote;
  /** How much of the query's meaning the quote accounts for (0 to 1), rare words counting most. */
  coverage: number;
  /** How much meaning was matched at all: the summed weight of the matched words, a year's at half. */
  evidence: number;
  /** Pairs of neighbouring query words that are neighbours in the quote too ("these weapons"). */
  pairs: number;
  /** The part of the evidence from query words found as written or misspelt: not through a synonym, and not a year. */
  literal: number;
  /** How much of the query's meaning the quote has as written or misspelt (0 to 1): coverage without synonyms or years. */
  writtenCoverage: number;
  /**
   * Whether the query is, nearly all of it, a run of five or more of the quote's words as the quote has them, stopwords
   * and all ("america is more secure because of it"): everyday text does not repeat a quote's words in their order.
   */
  verbatim: boolean;
}

/** One meaningful query word, by stem. */
interface QueryTerm {
  surface: string;
  rarity: number;
  /** Index words it also stands for here: a negated word's opposite, an expression's sense. */
  also: Set<string>;
  /** Negated, with an opposite to stand for: its ordinary synonyms no longer apply. */
  negated: boolean;
  /** For a word typed with a prefix ("non-proliferation"), the word without it, which a quote may use as written too. */
  part?: string;
}

/** One quote's score for one term, as MiniSearch scores it. */
interface Posting {
  score: number;
  /** Whether the term matched the speaker's name or role. */
  speaker: boolean;
  /** The index words a near spelling or prefix reached ("paralyzed" for "paralized"); none for a term matched as it is. */
  reached?: readonly string[];
}

/** A term's postings, by quote number. */
type Postings = ReadonlyMap<number, Posting>;
const NO_POSTINGS: Postings = new Map();
const NONE: readonly string[] = [];

/** A query as read for ranking: its words and terms, their weights and synonyms, and each term's postings. */
interface ReadQuery {
  words: readonly QueryWord[];
  byStem: ReadonlyMap<string, QueryTerm>;
  terms: readonly string[];
  expansions: readonly (readonly string[])[];
  weights: readonly number[];
  lists: ReadonlyMap<string, Postings>;
  near: readonly Postings[];
  named: { ids: ReadonlySet<string>; nameWords: ReadonlySet<string> };
  queried: ReadonlySet<string>;
}

interface QuoteDoc {
  id: string;
  text: string;
  speaker: string;
  about: string;
}

/** A word matched only through a synonym counts this much of the word itself. */
const SYNONYM_WEIGHT = 0.7;
/** A word matched only as a near spelling counts this much. */
const TYPO_WEIGHT = 0.6;
const SPEAKER_BONUS = 0.1;
/** The least weight a word before a verb of saying must carry to be read as the speaker. */
const SPEAKER_MIN_WEIGHT = 0.2;
/** A quote about a treaty the query names outranks one that merely shares words. */
const TREATY_BONUS = 0.1;
/** Words in treaty names that name no treaty in particular. */
const GENERIC_TREATY_WORDS = new Set(["treati", "agreement", "convent", "protocol", "accord", "memorandum", "1", "2", "3"]);
const MAX_QUERY_TERMS = 40;
/**
 * A year says when, not what: "1970" helps rank Kennedy's "by 1970" first, but "who won the world cup in 2018" or "what
 * happened in 1987" must not be answered on the year alone, so a year counts whole toward coverage, half as evidence,
 * and never as a word the quote shares as written.
 */
const YEAR = /^(1[89]|20)\d\d$/;
/**
 * How MiniSearch reads one term: as given (it is already a stem or a word as typed), weighted by field, and a near
 * spelling at most three letters off (a long word's allowance would reach four or more, which costs time and found nothing more).
 */
const TERM_SEARCH = { tokenize: (s: string) => [s], processTerm: (t: string) => t, boost: { text: 2, speaker: 3, about: 1 }, maxFuzzy: 3 };
/** How many of the index's best-scored quotes are re-ranked by coverage. */
const CANDIDATES = 20;
/** Coverage decides; the index's own relevance score breaks near-ties (speaker boost, word order of frequency). */
const RELEVANCE_WEIGHT = 0.25;
/** How much a hit's shared phrases lift it among the few returned, when every neighbouring pair of query words is one. */
const PHRASE_WEIGHT = 0.1;
/** How much a query typed as a run of a quote's words lifts that quote. */
const VERBATIM_WEIGHT = 0.2;
/** Runs shorter than this are common turns of phrase ("is not a", "the united states"), not a sign of the quote. */
const VERBATIM_MIN_RUN = 5;
/** The share of the query's words such a run must make up: a quote's phrase inside a longer paraphrase is no fragment. */
const VERBATIM_SHARE = 0.8;

/**
 * A token index over quotes: their wording and variants, speaker and role, context and treaty names.
 * Query words are stemmed, matched with typo tolerance, and widened with synonyms (curated domain
 * groups and WordNet), so a paraphrase finds the original. Coverage weighs each query word by how
 * rare it is in the collection, so "what is the capital of australia" does not pass on "australia".
 */
export class QuoteIndex {
  private readonly search: MiniSearch<QuoteDoc>;
  /** Per word, its synonyms that the index holds (the others cannot match). */
  private readonly synonymsIndexed = new Map<string, readonly string[]>();
  /** Two-word expressions ("tie down") and the quote words they mean. */
  private readonly phrases: ReadonlyMap<string, readonly string[]>;
  /** Expressions by the stem of their first word ("on ice" under "on"): each one's stems in order, and the stems it stands for. */
  private readonly idioms = new Map<string, { stems: readonly string[]; means: readonly string[] }[]>();
  /** Treaty names that also name something else ("open skies" for airlines), with the words that show the other sense. */
  private readonly otherSenses: readonly { words: readonly string[]; cues: ReadonlySet<string> }[];
  /** What a word means when negated ("accept" → "unaccept"). */
  private readonly negated: ReadonlyMap<string, readonly string[]>;
  /** Per stem, the stems of real words typed for it by mistake ("loos" → "lose"): a spell check passes them. */
  private readonly confusedWith = new Map<string, string[]>();
  /** Per such stem, its postings with its slips' merged in: worked out once, like a plain word's. */
  private readonly slipPostings = new Map<string, Postings>();
  private readonly documentFrequency = new Map<string, number>();
  /** Every meaningful word of the quotes as written (the index holds these beside their stems). */
  private readonly written = new Set<string>();
  private readonly maxIdf: number;
  /**
   * Per word, the word sets of the treaty names and aliases that contain it, to spot a treaty named
   * anywhere in a query: a query is checked only against names it shares a word with.
   */
  private readonly treatyKeysByWord = new Map<string, { id: string; words: string[] }[]>();
  /** Per quote, each wording's words in order, stopwords and all. */
  private readonly wordingTokens: readonly (readonly string[][])[];
  /** Per quote, its pairs of neighbouring meaningful words ("us weapon"), in each of its wordings. */
  private readonly pairsOf = new Map<string, Set<string>>();

  /** Per index word, its postings: the index never changes, so each word is scored once, not once per query. */
  private readonly postings = new Map<string, Postings>();
  /** The quotes in index order, and each one's number in it. */
  private readonly quotes: readonly Quote[];
  private readonly numberOf: ReadonlyMap<string, number>;
  /** Per quote, the query's running score, how many of its terms matched and whether one matched the speaker: reused by every query. */
  private readonly scores: Float64Array;
  private readonly matchCounts: Uint16Array;
  private readonly speakerMatched: Uint8Array;
  /** Two rows of the table `longestRun` fills, grown to the longest wording compared yet. */
  private runRows: [Uint16Array, Uint16Array] = [new Uint16Array(64), new Uint16Array(64)];

  constructor(catalog: Catalog) {
    this.quotes = catalog.quotes;
    this.numberOf = new Map(catalog.quotes.map((q, i) => [q.id, i]));
    this.scores = new Float64Array(catalog.quotes.length);
    this.matchCounts = new Uint16Array(catalog.quotes.length);
    this.speakerMatched = new Uint8Array(catalog.quotes.length);
    const docs = catalog.quotes.map((q) => ({
      id: q.id,
      text: quoteWordings(q).join(" \n "),
      // The initials too, as people type them: "iaea chief" for the Director General of the International Atomic Energy Agency.
      speaker: [q.speaker, q.role, ...acronymsIn(`${q.speaker}. ${q.role}`)].join(" "),
      about: [
        q.context,
        // The initials of the names it gives too, three letters or more: "nra" for the National Rifle Association's annual
        // meeting ("eu", "us" and "un" are words of too many queries).
        ...acronymsIn(q.context).filter((a) => a.length >= 3),
        q.verdict === "disputed" || q.verdict === "misattributed" ? (q.verdictNote ?? "") : "",
        ...q.treaties.flatMap((id) => {
          const t = catalog.treatyById.get(id);
          return t ? [t.abbreviation, t.name, ...t.aliases] : [id];
        }),
      ].join(" "),
    }));
    this.search = new MiniSearch<QuoteDoc>({
      fields: ["text", "speaker", "about"],
      tokenize: quoteTokens,
      // Both the stem (so word forms meet) and the word as written (so a typo is measured against real spelling).
      processTerm: (term) => {
        if (isStopword(term)) return null;
        const stem = stemWord(term);
        return stem === term ? term : [stem, term];
      },
    });
    this.search.addAll(docs);
    this.wordingTokens = catalog.quotes.map((q) => quoteWordings(q).map(quoteTokens));
    catalog.quotes.forEach((q, n) => {
      const pairs = new Set<string>();
      for (const wording of this.wordingTokens[n]!) {
        const stems = wording.filter((t) => !isStopword(t)).map(stemWord);
        for (let i = 1; i < stems.length; i++) pairs.add(`${stems[i - 1]} ${stems[i]}`);
      }
      this.pairsOf.set(q.id, pairs);
    });

    for (const d of docs) {
      const words = quoteWords(`${d.text} ${d.speaker} ${d.about}`);
      for (const w of words) this.written.add(w);
      for (const t of new Set(words.map(stemWord))) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
    }
    this.maxIdf = this.idfOf(0);
    for (const t of catalog.treaties) {
      for (const name of [t.abbreviation, t.name, ...t.aliases]) {
        const words = [...new Set(quoteTerms(name))].filter((w) => !GENERIC_TREATY_WORDS.has(w));
        if (words.length === 0) continue;
        const key = { id: t.id, words };
        for (const w of words) addTo(this.treatyKeysByWord, w, key);
      }
    }
    const synonyms = new Map<string, Set<string>>();
    const link = (a: string, b: string) => {
      if (a === b) return;
      const set = synonyms.get(a) ?? new Set<string>();
      set.add(b);
      synonyms.set(a, set);
    };
    for (const group of catalog.lexicon.domainGroups) {
      const stems = group.map((w) => stemWord(normalize(w)));
      for (const a of stems) for (const b of stems) link(a, b);
    }
    for (const [word, targets] of Object.entries(catalog.lexicon.wordnet)) for (const t of targets) link(word, t);
    for (const [word, targets] of synonyms) this.synonymsIndexed.set(word, [...targets].filter((t) => this.known(t)));
    this.phrases = new Map(Object.entries(catalog.lexicon.wordnetPhrases));
    for (const [expression, means] of Object.entries(catalog.lexicon.idioms)) {
      const stems = expression.split(" ").map(stemWord);
      addTo(this.idioms, stems[0]!, { stems, means: means.map(stemWord) });
    }
    this.negated = new Map(Object.entries(catalog.lexicon.wordnetNegated));
    this.otherSenses = catalog.lexicon.otherSenses.map(({ name, cues }) => ({ words: name.split(" "), cues: new Set(cues) }));
    for (const group of catalog.lexicon.confusables) {
      const stems = [...new Set(group.map((w) => stemWord(normalize(w))))];
      for (const a of stems) this.confusedWith.set(a, [...(this.confusedWith.get(a) ?? []), ...stems.filter((b) => b !== a)]);
    }
  }

  /** Treaties the query names ("the conventional forces treaty", "cfe"): every word of a name, or all but one of a long one. */
  private treatiesNamedIn(words: ReadonlySet<string>): { ids: Set<string>; nameWords: Set<string> } {
    const ids = new Set<string>();
    const nameWords = new Set<string>();
    const candidates = new Set<{ id: string; words: string[] }>();
    for (const w of words) for (const key of this.treatyKeysByWord.get(w) ?? []) candidates.add(key);
    for (const key of candidates) {
      let missing = 0;
      for (const w of key.words) if (!words.has(w)) missing++;
      if (missing === 0 || (key.words.length >= 4 && missing === 1)) {
        ids.add(key.id);
        if (key.words.length >= 2) for (const w of key.words) if (words.has(w)) nameWords.add(w);
      }
    }
    return { ids, nameWords };
  }

  /**
   * Whether a query names a treaty the catalog does not hold ("the treaty of westphalia", "treaty of versailles"), or
   * uses the name of one of ours in its other sense ("open skies agreement for eu airlines"): a quote about ours answers
   * it at best in part, and never well.
   */
  namesOtherTreaty(query: string): boolean {
    const words = quoteTokens(query.slice(0, QUERY_READ_LIMIT));
    const typed = new Set(words);
    for (const { words: name, cues } of this.otherSenses) {
      if (name.every((w) => typed.has(w)) && words.some((w) => cues.has(w))) return true;
    }
    for (let i = 0; i + 2 < words.length; i++) {
      const [treaty, of, name] = [words[i]!, words[i + 1]!, words[i + 2]!];
      if ((treaty === "treaty" || treaty === "treaties") && of === "of" && !isStopword(name) && !/\d/.test(name) && !this.treatyKeysByWord.has(stemWord(name))) return true;
    }
    return false;
  }

  private idfOf(df: number): number {
    return Math.log(1 + this.quotes.length / (1 + df));
  }

  /**
   * A query's meaningful words, read once: per stem, the form as typed, its rarity and what else it may mean
   * (a negated word's opposite, a two-word expression's sense); and per term, the index words it widens to.
   */
  private readQuery(query: string) {
    const byStem = new Map<string, QueryTerm>();
    // A slip for a stopword ("becuase") is that stopword, not an unknown word of great weight; but a slip that is as near
    // a word of the quotes ("verfy": "very", or "verify") is read as that word, which carries meaning.
    const typed = quoteTokens(query.slice(0, QUERY_READ_LIMIT)).map((t) => {
      if (isStopword(t) || this.indexed(t) || rarity(t) < 1) return t;
      const stopword = stopwordSlipped(t);
      return stopword === undefined || this.nearIndexWord(t) ? t : stopword;
    });
    const words = this.joinPrefixes(queryWords(typed));
    for (const { word, stem } of words) if (!byStem.has(stem)) byStem.set(stem, { surface: word, rarity: rarity(word), also: new Set(), negated: false });
    words.forEach(({ stem, negated, joins }, i) => {
      const entry = byStem.get(stem)!;
      if (joins) (entry.part = joins.part), entry.also.add(joins.part);
      const opposites = negated ? (this.negated.get(stem) ?? []) : [];
      // "Never acceptable" means "unacceptable", and no longer what "acceptable" means ("recognised").
      if (opposites.length > 0) entry.negated = true;
      for (const t of opposites) entry.also.add(t);
      const next = words[i + 1];
      if (next) for (const t of this.phrases.get(`${stem} ${next.stem}`) ?? []) entry.also.add(t), byStem.get(next.stem)!.also.add(t);
    });
    // An expression read with its stopwords ("put it on ice"): its meaningful words stand for its meaning too.
    const stems = typed.map(stemWord);
    stems.forEach((first, i) => {
      for (const idiom of this.idioms.get(first) ?? []) {
        if (!idiom.stems.every((s, k) => stems[i + k] === s)) continue;
        for (const s of idiom.stems) for (const t of idiom.means) byStem.get(s)?.also.add(t);
      }
    });
    const terms = [...byStem.keys()].slice(0, MAX_QUERY_TERMS);
    const expansions = terms.map((t): readonly string[] => {
      const { also, negated } = byStem.get(t)!;
      const synonyms = negated ? NONE : (this.synonymsIndexed.get(t) ?? NONE);
      return also.size === 0 ? synonyms : [...new Set([...synonyms, ...also])].filter((s) => s !== t && this.known(s));
    });
    return { words, byStem, terms, expansions, typed };
  }

  /**
   * A prefixed word is read as the one word the quotes write ("non-proliferation" as "nonproliferation", which a quote
   * may also write as "proliferation"), or, where they never join it ("anti-missile"), as its two words.
   */
  private joinPrefixes(words: readonly QueryWord[]): QueryWord[] {
    const out: QueryWord[] = [];
    for (const w of words) {
      if (w.joins && !this.indexed(w.stem)) continue;
      // The two words read just before it, "non" and "proliferation", give way to it.
      if (w.joins && out.at(-1)?.stem === w.joins.part) out.pop();
      if (w.joins && out.at(-1)?.word === w.joins.prefix) out.pop();
      out.push(w);
    }
    return out;
  }

  /** Whether an unknown word is one slip from a word the quotes use, as the near-spelling look-up reads it. */
  private nearIndexWord(word: string): boolean {
    return word.length >= 4 && this.postingsOf(word, fuzzyAllowance(word), false).size > 0;
  }

  private known(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** Whether the index holds a term, as a stem or as a word written in a quote. */
  private indexed(term: string): boolean {
    return this.documentFrequency.has(term) || this.written.has(term);
  }

  /** How many neighbouring query words are neighbours in the quote too, each as the form it was matched to. */
  private sharedPhrases(quoteId: string, words: readonly QueryWord[], formsIn: ReadonlyMap<string, readonly string[]>): number {
    const quotePairs = this.pairsOf.get(quoteId);
    let pairs = 0;
    for (let i = 1; i < words.length && quotePairs; i++) {
      const before = formsIn.get(words[i - 1]!.stem) ?? [];
      const here = formsIn.get(words[i]!.stem) ?? [];
      if (before.some((a) => here.some((b) => quotePairs.has(`${a} ${b}`)))) pairs++;
    }
    return pairs;
  }

  /** Whether a wording of quote n has a run of `needed` of the query's words, in order and word for word. */
  private typedVerbatim(n: number, typed: readonly string[], needed: number): boolean {
    return this.wordingTokens[n]!.some((wording) => wording.length >= needed && this.longestRun(typed, wording) >= needed);
  }

  /** The length of the longest run of words two texts share, in order and word for word, in two rows kept for reuse. */
  private longestRun(a: readonly string[], b: readonly string[]): number {
    if (this.runRows[0].length <= b.length) this.runRows = [new Uint16Array(b.length + 1), new Uint16Array(b.length + 1)];
    let [previous, current] = this.runRows;
    previous.fill(0);
    let best = 0;
    for (const word of a) {
      for (let j = 0; j < b.length; j++) {
        const run = word === b[j] ? previous[j]! + 1 : 0;
        current[j + 1] = run;
        if (run > best) best = run;
      }
      [previous, current] = [current, previous];
    }
    return best;
  }

  /** A term's postings. A plain look-up (no near spellings, no prefix) is kept: only words the index holds have any, so the cache is bounded by its vocabulary. */
  private postingsOf(term: string, fuzzy: number | false, prefix: boolean): Postings {
    const plain = fuzzy === false && !prefix;
    if (plain && !this.indexed(term)) return NO_POSTINGS;
    const kept = plain ? this.postings.get(term) : undefined;
    if (kept) return kept;
    const postings = new Map<number, Posting>();
    // Each word reached is checked once, though many quotes hold it.
    const near = new Map<string, boolean>();
    const isNear = (t: string) => {
      let ok = near.get(t);
      if (ok === undefined) near.set(t, (ok = t === term || (prefix && t.startsWith(term)) || isSlip(term, t)));
      return ok;
    };
    for (const r of this.search.search(term, { ...TERM_SEARCH, fuzzy, prefix })) {
      const reached = plain ? r.terms : r.terms.filter(isNear);
      if (reached.length === 0) continue;
      const speaker = reached.some((t) => r.match[t]?.includes("speaker"));
      postings.set(this.numberOf.get(r.id as string)!, plain ? { score: r.score, speaker } : { score: r.score, speaker, reached });
    }
    if (plain) this.postings.set(term, postings);
    return postings;
  }

  /** A real word's postings, and those of the words typed for it by mistake, each marked as reached like a near spelling. */
  private withSlips(term: string, slips: readonly string[]): Postings {
    const kept = this.slipPostings.get(term);
    if (kept) return kept;
    const postings = new Map(this.postingsOf(term, false, false));
    for (const slip of slips) {
      for (const [n, p] of this.postingsOf(slip, false, false)) if (!postings.has(n)) postings.set(n, { ...p, reached: [slip] });
    }
    this.slipPostings.set(term, postings);
    return postings;
  }

  /**
   * MiniSearch's "OR" query over the terms, term by term: a quote scores the sum of its terms' scores (a synonym's at
   * SYNONYM_WEIGHT) times how many of the terms it matched. Each word's postings are worked out once, and the sums kept in
   * arrays reused by every query: a long paraphrase widened by synonyms sends some 60 terms, and building their results
   * afresh each time was most of what a query allocated. Returns each term's postings and the best-scored quotes' numbers.
   */
  private scoreTerms(terms: readonly string[], original: ReadonlySet<string>, spelled: ReadonlySet<string>) {
    const { scores, matchCounts, speakerMatched } = this;
    scores.fill(0);
    matchCounts.fill(0);
    speakerMatched.fill(0);
    const lists = new Map<string, Postings>();
    // The postings of words looked up by near spelling or prefix, which reach other words of the index.
    const near: Postings[] = [];
    for (const term of terms) {
      const typed = original.has(term);
      const unknown = typed && !this.indexed(term);
      // Near spellings and prefixes only for words neither the collection nor everyday English knows: "earth" is meant,
      // not a slip for "dearth", and "frozen" is no start of a longer word.
      // A number is never a slip: 1966 is not 1967.
      const slip = unknown && !spelled.has(term) && !/\d/.test(term);
      const fuzzy = slip ? fuzzyAllowance(term) : false;
      const prefix = slip && term.length >= 5;
      const slips = typed ? this.confusedWith.get(term) : undefined;
      const postings = slips ? this.withSlips(term, slips) : this.postingsOf(term, fuzzy, prefix);
      lists.set(term, postings);
      if (fuzzy !== false || prefix || slips) near.push(postings);
      const boost = typed ? 1 : SYNONYM_WEIGHT;
      postings.forEach((p, n) => {
        scores[n] = scores[n]! + p.score * boost;
        matchCounts[n] = matchCounts[n]! + 1;
        if (p.speaker) speakerMatched[n] = 1;
      });
    }
    const matched: number[] = [];
    for (let n = 0; n < scores.length; n++) {
      if (matchCounts[n] === 0) continue;
      scores[n] = scores[n]! * matchCounts[n]!;
      matched.push(n);
    }
    return { lists, near, best: matched.sort((a, b) => scores[b]! - scores[a]!).slice(0, CANDIDATES) };
  }

  /**
   * How much of the query's weight quote n accounts for: a word matched as written counts whole, a near spelling or a
   * synonym in part; `literal` leaves synonyms out. Given `formsIn`, it also records per query word the quote's stems it
   * was matched to as written (itself or a near spelling: synonyms make no phrase).
   */
  private weigh(n: number, aboutNamed: boolean, query: ReadQuery, formsIn?: Map<string, readonly string[]>) {
    const { terms, byStem, expansions, weights, lists, near, named, queried } = query;
    // Whether a query term matched the quote at all (as written, misspelt or by prefix), and the index words near spellings reached.
    const matched = (term: string) => lists.get(term)?.has(n) ?? false;
    const reached = near.length === 0 ? NONE : near.flatMap((postings) => postings.get(n)?.reached ?? NONE);
    // Whether a word of the index matched as it is written.
    const exact = (word: string) => {
      const p = lists.get(word)?.get(n);
      return (p !== undefined && p.reached === undefined) || reached.includes(word);
    };
    let covered = 0;
    let literal = 0;
    let dated = 0;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      // The words of a treaty's name ("new", "start") speak for that treaty, not for a quote that happens to use them.
      if (!aboutNamed && named.nameWords.has(t)) continue;
      const { surface, part } = byStem.get(t)!;
      const weight = weights[i]!;
      const written = exact(t) || exact(surface);
      if (written || (part !== undefined && exact(part))) {
        formsIn?.set(t, [written ? t : part!]);
        covered += weight;
        if (YEAR.test(t)) dated += weight;
        else literal += weight;
        continue;
      }
      // Not written as typed: the better of a near spelling and a synonym ("acceptable" is close to "unacceptable" but, negated, means it).
      const typo = matched(t) || matched(surface);
      const synonym = expansions[i]!.some(matched);
      covered += weight * Math.max(typo ? TYPO_WEIGHT : 0, synonym ? SYNONYM_WEIGHT : 0);
      if (typo) {
        // Words of the index reached only by near spelling, as stems ("paralyzed" for "paralized").
        formsIn?.set(t, reached.filter((x) => !queried.has(x)).map(stemWord));
        literal += weight * TYPO_WEIGHT;
      }
    }
    return { covered, literal, evidence: covered - dated / 2 };
  }

  find(query: string, limit = 4): QuoteHit[] {
    const { words, byStem, terms, expansions, typed } = this.readQuery(query);
    const tokenCount = typed.length;
    if (terms.length === 0) return [];
    // A few words with at most one function word among them ("putin ctbt", "guterres tpnw opening for signature") name
    // a speaker and a topic; more is a sentence ("not one nuclear weapon state has signed it"), whose word order counts.
    const keywords = terms.length <= 4 && tokenCount - terms.length <= 1;
    // The run a quote must share with the query to be typed verbatim: nearly all its words past any "who said".
    const verbatimRun = Math.max(VERBATIM_MIN_RUN, Math.ceil(VERBATIM_SHARE * withoutFraming(typed).length));
    // The word as typed too, where its stem is unknown ("paralized") or the word itself is no English word: "regretable"
    // stems to a real stem ("regret") but is a slip for "regrettable".
    const surfaces = terms.flatMap((t) => {
      const { surface, rarity } = byStem.get(t)!;
      return surface !== t && (!this.known(t) || (rarity === 1 && !this.indexed(surface))) ? [surface] : [];
    });
    const original = new Set([...terms, ...surfaces]);
    const queried = new Set([...original, ...expansions.flat()]);
    // Words spelled as everyday English spells them (SUBTLEX's commonest 30,000).
    const spelled = new Set([...byStem].filter(([, v]) => v.rarity < 1).flatMap(([stem, v]) => [stem, v.surface]));
    const { lists, near, best } = this.scoreTerms([...queried], original, spelled);
    // A word weighs by how rare it is in English and in the collection: common words ("time", "country") prove little.
    const weights = terms.map((t) => byStem.get(t)!.rarity * (this.idfOf(this.documentFrequency.get(t) ?? 0) / this.maxIdf + 0.5));
    const total = weights.reduce((a, b) => a + b, 0);
    const top = best.length > 0 ? this.scores[best[0]!]! : 1;
    const named = this.treatiesNamedIn(original);
    const read: ReadQuery = { words, byStem, terms, expansions, weights, lists, near, named, queried };
    // The terms that name who spoke ("putin" in "putin said …"), with their synonyms.
    // A word that weighs next to nothing ("us", which is also a pronoun) names no one.
    const saidBy = [...new Set(words.filter((w) => w.speaker && (weights[terms.indexOf(w.stem)] ?? 0) >= SPEAKER_MIN_WEIGHT).flatMap((w) => [w.stem, ...(expansions[terms.indexOf(w.stem)] ?? [])]))];
    const ranked = best.map((n) => {
      const quote = this.quotes[n]!;
      const aboutNamed = quote.treaties.some((id) => named.ids.has(id));
      const { covered, literal, evidence } = this.weigh(n, aboutNamed, read);
      // In a short query, a speaker's name is the strongest hint ("putin ctbt" means Putin's words, not words about Putin);
      // in a longer one, only the words before a verb of saying ("putin said …") are read as the speaker.
      const speaker = this.speakerMatched[n] === 1 && (keywords || saidBy.some((t) => lists.get(t)?.get(n)?.speaker));
      const merit = covered / total + (speaker ? SPEAKER_BONUS : 0) + (aboutNamed ? TREATY_BONUS : 0);
      // A query typed as the quote's own words outranks quotes that merely share its words ("america is more secure …").
      const verbatim = tokenCount >= verbatimRun && this.typedVerbatim(n, typed, verbatimRun);
      const rank = merit + RELEVANCE_WEIGHT * (this.scores[n]! / top) + (verbatim ? VERBATIM_WEIGHT : 0);
      return { n, aboutNamed, merit, hit: { quote, coverage: covered / total, evidence, literal, writtenCoverage: literal / total, verbatim }, rank };
    });
    // Shared phrases are counted for the few hits returned only. In a sentence (not a speaker and a topic, whose order
    // means nothing) they lift each hit a little: a quote with the query's words in the order typed outranks one that
    // merely uses them.
    const phraseWeight = keywords ? 0 : PHRASE_WEIGHT;
    const hits = ranked
      .sort((a, b) => b.rank - a.rank)
      .slice(0, limit)
      .map(({ n, aboutNamed, hit, merit, rank }) => {
        const formsIn = new Map<string, readonly string[]>();
        this.weigh(n, aboutNamed, read, formsIn);
        const pairs = this.sharedPhrases(hit.quote.id, words, formsIn);
        return { ...hit, pairs, merit, rank: rank + phraseWeight * (pairs / Math.max(1, words.length - 1)) };
      })
      .sort((a, b) => b.rank - a.rank);
    // Two neighbours that the query's words account for equally (one speech in two wordings: "coordinated, measured and
    // defensive" on one day, "defensive, measured and coordinated" the next) are told apart by the word order typed,
    // not by which wording repeats its words more often.
    for (let i = 1; i < hits.length; i++) {
      const [before, here] = [hits[i - 1]!, hits[i]!];
      if (Math.abs(before.merit - here.merit) < 1e-9 && here.pairs > before.pairs) [hits[i - 1], hits[i]] = [here, before];
    }
    return hits.map(({ merit: _, rank: __, ...hit }) => hit);
  }
}

/** How far MiniSearch may look for a near spelling of a word: none under four letters (checked again by `isSlip`). */
function fuzzyAllowance(word: string): number | false {
  return word.length >= 8 ? 0.25 : word.length >= 5 ? 2 : word.length >= 4 ? 1 : false;
}

/**
 * Whether an index word is a slip for a typed one: one letter added, dropped, changed or two neighbours swapped, in a
 * word of up to seven letters. MiniSearch counts a swap as two edits, so it is asked for two and its answers checked
 * here: two real edits in a short word reach too far ("usmca" is not "usa"). Longer words keep MiniSearch's allowance.
 */
function isSlip(typed: string, word: string): boolean {
  return typed.length >= 8 || isSlipFor(typed, word, 1);
}

/** Adds a value to the list a map keeps under a key. */
function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
