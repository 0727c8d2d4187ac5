import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { whoSaid } from "../src/core/answers.ts";
import { QuoteIndex } from "../src/core/quote-index.ts";
import { acronymsIn, foldNumberWords, queryWords, quoteTexts, quoteTokens, stopwordSlipped } from "../src/core/quote-terms.ts";
import { realLibrary } from "./support/library.ts";
import { loadEvalSet } from "./who-said/evaluate.ts";

const library = realLibrary();
/** The best hit's wording and context: what a query was matched against. */
const topText = (query: string) => {
  const q = library.quotes.find(query, 1)[0]?.quote;
  return q ? quoteTexts(q).join(" ") : "";
};

/** An independent speller for the property test: 0 to 999,999 in words, the way people write them. */
function spell(n: number): string {
  const units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
  const tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
  const under100 = (x: number) => (x < 20 ? units[x]! : `${tens[Math.floor(x / 10)]}${x % 10 ? `-${units[x % 10]}` : ""}`);
  const under1000 = (x: number) => (x < 100 ? under100(x) : `${units[Math.floor(x / 100)]} hundred${x % 100 ? ` and ${under100(x % 100)}` : ""}`);
  return n < 1000 ? under1000(n) : `${under1000(Math.floor(n / 1000))} thousand${n % 1000 ? ` ${under1000(n % 1000)}` : ""}`;
}

describe("how quote text and queries are read", () => {
  it("spells contractions out, leaving no stray letters behind", () => {
    expect(quoteTokens("We weren't surprised; it's an error, we can't and won't")).toEqual(["we", "were", "not", "surprised", "it", "an", "error", "we", "can", "not", "and", "will", "not"]);
    expect(quoteTokens("Russia’s position")).toEqual(["russia", "position"]);
    // Chat often drops the apostrophe of a negation; words that merely begin the same way are left alone.
    expect(quoteTokens("we cant, austria doesnt just talk, it wont")).toEqual(["we", "can", "not", "austria", "does", "not", "just", "talk", "it", "will", "not"]);
    expect(quoteTokens("cantor wonton")).toEqual(["cantor", "wonton"]);
  });

  it("reads spelled-out numbers as digits, so 'thirty-five' meets '35'", () => {
    expect(quoteTokens("grew from seven members to thirty-five")).toEqual(["grew", "from", "7", "members", "to", "35"]);
    expect(foldNumberWords(["five", "five", "a", "hundred", "first"])).toEqual(["5", "5", "a", "hundred", "first"]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        expect(quoteTokens(`about ${spell(n)} states`)).toEqual(["about", String(n), "states"]);
      }),
    );
  });

  it("reads 'non' and 'anti' written apart or hyphenated as joined too, and never splits a joined word", () => {
    expect(quoteTokens("Non-Proliferation Treaty")).toEqual(["non", "proliferation", "nonproliferation", "treaty"]);
    expect(quoteTokens("anti ballistic")).toEqual(["anti", "ballistic", "antiballistic"]);
    expect(quoteTokens("nonsense, non 5")).toEqual(["nonsense", "non", "5"]);
    // So the joined spelling finds a quote that hyphenates it.
    expect(topText("nonproliferation cornerstone")).toMatch(/cornerstone of the nuclear disarmament and non-proliferation/);
  });

  it("reads the initials of the names in a speaker's title, as people type them", () => {
    expect(acronymsIn("Director General of the International Atomic Energy Agency")).toEqual(["dg", "iaea"]);
    expect(acronymsIn("Spokesperson, Ministry of Foreign Affairs")).toEqual(["mfa"]);
    // Initials that spell a stopword are no name anyone types.
    expect(acronymsIn("Information Systems")).toEqual([]);
    expect(library.quotes.find("iaea chief north korea", 1)[0]?.quote.speaker).toBe("Mohamed ElBaradei");
    // And of the names in a quote's context, three letters or more: Trump spoke to the National Rifle Association.
    expect(library.quotes.find("nra", 1)[0]?.quote.id).toBe("trump-2019-04-26-att-revoking-signature");
  });

  it("reads a slip for a stopword as that stopword: a letter dropped, added, changed or swapped", () => {
    expect(["becuase", "bcause", "thier", "whcih", "shoudl"].map(stopwordSlipped)).toEqual(["because", "because", "their", "which", "should"]);
    // A short word is read only as two neighbouring letters swapped.
    expect(["teh", "adn", "tehm", "taht"].map(stopwordSlipped)).toEqual(["the", "and", "them", "that"]);
    expect(library.quotes.find("teh survivors would envy teh dead", 1)[0]?.verbatim).toBe(true);
    // A slip as near a word of the quotes as a stopword is read as that word: "verfy" is "verify" here, not "very".
    expect(whoSaid(library, "trsut but verfy").match?.id).toBe("reagan-1987-12-08-trust-but-verify");
    // Too short to tell from real words, a short word with a letter dropped or changed, or more than one slip away.
    expect(["ot", "th", "thw", "tha", "bceuaes"].map(stopwordSlipped)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("marks a word that follows a negation", () => {
    const words = queryWords(quoteTokens("using these weapons is never acceptable"));
    expect(words.map((w) => [w.word, w.negated])).toEqual([["using", false], ["weapons", false], ["acceptable", true]]);
  });

  it("reads the words before an opening verb of saying as the speaker, and no others", () => {
    const speakers = (q: string) => queryWords(quoteTokens(q)).filter((w) => w.speaker).map((w) => w.word);
    expect(speakers("putin said lawmakers could take it back")).toEqual(["putin"]);
    expect(speakers("the nato boss insisted a deal one side keeps is useless")).toEqual(["nato", "boss"]);
    expect(speakers("which un office called the att the only global tool")).toEqual(["un", "office"]);
    // Not a clause further on, not words a stopword keeps apart from the verb.
    expect(speakers("un chief glad washington wants five more years, and moscow says it agrees")).toEqual([]);
    expect(speakers("pulling out kicks in half a year after we said we would leave")).toEqual([]);
  });
});

describe("meaning the quote finder draws from WordNet", () => {
  it("reads a named place as the country or region it lies in", () => {
    expect(topText("minsk")).toMatch(/Belarus/);
    // "South Pole" is part of Antarctica: Eisenhower's words on Antarctica answer for it (no quote says "pole").
    const antarctica = library.quotes.find("south pole", 20).find((h) => /Antarctica/.test(h.quote.text));
    expect(antarctica?.coverage).toBeGreaterThan(0.6);
  });

  it("reads a two-word expression as the word it means, in any form", () => {
    for (const q of ["tie down", "tied down", "ties down"]) expect(topText(q)).toMatch(/\bbound\b/);
  });

  it("reads a negated word as its opposite, and no longer as its synonyms", () => {
    const unacceptable = (query: string) => library.quotes.find(query, 20).find((h) => /\bunacceptable\b/.test(h.quote.text));
    expect(unacceptable("never acceptable")?.coverage).toBeGreaterThan(0.6);
    expect(unacceptable("acceptable")).toBeUndefined();
    // "Acceptable" alone reaches its synonyms ("recognised"); negated, it means something else.
    const synonymOnly = (query: string) => library.quotes.find(query, 20).filter((h) => !/accept/i.test(`${h.quote.text} ${h.quote.context}`)).length;
    expect(synonymOnly("acceptable")).toBeGreaterThan(0);
    expect(synonymOnly("never acceptable")).toBeLessThan(synonymOnly("acceptable"));
  });

  it("reads an irregular verb form as its verb ('begun' finds 'began'), but not one that is a word of its own ('saw')", () => {
    const withWord = (query: string, word: RegExp) => library.quotes.find(query, 20).filter((h) => word.test(h.quote.text));
    expect(withWord("begun", /\bbegan\b/).length).toBeGreaterThan(0);
    // "Saw" is a tool too: it is not read as "see".
    expect(withWord("saw", /\bsee\b/)).toEqual([]);
  });

  it("reads 'never ratified' as 'unratified' where WordNet pairs no antonym, but not 'in-' words that mean no opposite", () => {
    const unratified = (query: string) => library.quotes.find(query, 20).find((h) => /\bunratified\b/.test(h.quote.text));
    expect(unratified("salt deal never ratified")?.coverage).toBeGreaterThan(unratified("salt deal ratified")?.coverage ?? 0);
    // "Invaluable" is not "not valuable": only "un" and "non" are read as negating prefixes.
    const invaluable = (query: string) => library.quotes.find(query, 20).find((h) => /\binvaluable\b/.test(h.quote.text));
    expect(invaluable("never valuable brake")?.coverage ?? 0).toBeLessThanOrEqual(invaluable("valuable brake")?.coverage ?? 0);
  });
});

describe("one index answering many queries", () => {
  it("answers a query the same whatever was asked before it (scores, counts and kept postings carry nothing over)", () => {
    const queries = [...new Set(loadEvalSet("eval").map((c) => c.query))];
    // What an index that has answered nothing else says (one per query, built when first needed).
    const alone = new Map<string, unknown>();
    const fresh = (query: string) => {
      if (!alone.has(query)) alone.set(query, new QuoteIndex(library.catalog).find(query).map((h) => [h.quote.id, h.coverage, h.literal]));
      return alone.get(query);
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...queries), { minLength: 1, maxLength: 6 }), (sequence) => {
        const last = sequence.at(-1)!;
        for (const q of sequence) library.quotes.find(q);
        expect(library.quotes.find(last).map((h) => [h.quote.id, h.coverage, h.literal])).toEqual(fresh(last));
      }),
      { numRuns: 20 },
    );
  });
});

describe("accepting a partial match", () => {
  it("lets in a match that shares a phrase with the quote, and says it is only the closest", () => {
    const query = "using these weapons is never acceptable no matter where when or who does it";
    const [hit] = library.quotes.find(query, 1);
    expect(hit?.pairs).toBeGreaterThan(0);
    const reply = whoSaid(library, query);
    expect(reply.match?.id).toBe("australia-group-chair-2023-06-09-cbw-use-unacceptable");
    expect(reply.confidence).toBe("closest");
  });

  it("takes a query typed as a run of a quote's words for that quote, however common the words", () => {
    // Two everyday words ("america", "secure") alone carry too little weight; typed in the quote's order with its
    // stopwords, they are its fragment, also with a slip in a stopword.
    for (const fragment of ["america is more secure because of it", "America is more secure becuase of it.", "who said 'america is more secure because of it'?"]) {
      const reply = whoSaid(library, fragment);
      expect(reply.match?.id, fragment).toBe("pompeo-2020-11-22-open-skies-withdrawal-effective");
      expect(reply.confidence).toBe("exact");
    }
    // The same words in another order are no fragment.
    expect(whoSaid(library, "because of it america is more secure").match).toBeNull();
    // A phrase of the quote inside a longer text of other words is no fragment either.
    expect(library.quotes.find("america is more secure because of it, my landlord says about the new locks on the door", 1)[0]?.verbatim).toBe(false);
  });

  it("counts a phrase typed with a typo ('work is paralized')", () => {
    const reply = whoSaid(library, "i wouldn't say that the work is paralized");
    expect(reply.match?.text).toMatch(/paralyzed/);
  });

  it("reads a short unknown word as a slip only one letter off, a swap of two counting as one ('mirorr', not 'usmca' for 'usa')", () => {
    expect(whoSaid(library, "we will not mirorr what russia does").match?.id).toBe("stoltenberg-2019-08-02-inf-no-mirror");
    expect(whoSaid(library, "will withdraw from the iran nucelar deal").match?.id).toBe("trump-2018-05-08-withdraw-iran-deal");
    // Two letters dropped: another trade agreement, not the United States' note on the Arms Trade Treaty.
    expect(whoSaid(library, "usmca trade deal").match).toBeNull();
  });

  it("reads a misspelt word as a slip even when its stem is a real one ('regretable' is not 'regret')", () => {
    // "regretable" stems to "regret", which another UN statement uses ("deeply regrets"); the typist meant "regrettable".
    expect(whoSaid(library, "is very dissapointing and deeply regretable").match?.text).toMatch(/disappointing and deeply regrettable/);
  });

  it("reads a real word typed for another as a slip ('loose' for 'lose'), weighed as a near spelling, not as the word", () => {
    // Two Guterres statements on the INF Treaty's end: "the world will lose an invaluable brake" (1 Aug 2019) and
    // "the world lost an invaluable brake" (25 Sep 2019). Only "loose" read as "lose" tells them apart.
    const [hit] = library.quotes.find("the world will loose an invaluable brake on nuclear war", 1);
    expect(hit?.quote.id).toBe("guterres-2019-08-01-inf-invaluable-brake");
    const typed = library.quotes.find("the world will lose an invaluable brake on nuclear war", 1)[0];
    expect(hit!.coverage).toBeLessThan(typed!.coverage);
    // The slip goes both ways within a group, and reaches nothing outside it.
    expect(library.quotes.find("principal of nuclear arms control", 20).some((h) => /\bprinciples?\b/i.test(h.quote.text))).toBe(true);
  });

  it("tells apart two wordings of one speech by the word order typed", () => {
    // Stoltenberg gave the same promise on 12 and 13 February 2019, the three adjectives in opposite orders.
    expect(whoSaid(library, "any steps we take will be defensive, measured and coordinated").match?.id).toBe("stoltenberg-2019-02-13-inf-defensive-measured-coordinated");
    expect(whoSaid(library, "any steps we take will be coordinated, measured and defensive").match?.id).toBe("stoltenberg-2019-02-12-inf-coordinated-measured-defensive");
  });

  it("turns away a match carried by synonyms alone, with no word of the quote as written", () => {
    // "champion" → "support", "league" → "confederation", "final" → "decision": each a real sense, together nothing.
    const [best] = library.quotes.find("who won the champions league final last year", 1);
    expect(best?.literal).toBe(0);
    expect(whoSaid(library, "who won the champions league final last year").match).toBeNull();
  });

  it("knows the short names this field uses: a president's nickname, 'chem' weapons, not 'copying' an adversary", () => {
    expect(whoSaid(library, "what ike said about antarctica").match?.id).toBe("eisenhower-1958-05-03-antarctica-peaceful");
    expect(whoSaid(library, "ike open skies").match?.id).toBe("eisenhower-1955-07-21-open-skies-proposal");
    expect(whoSaid(library, "chem weapons unacceptable").match?.id).toBe("australia-group-chair-2023-06-09-cbw-use-unacceptable");
    expect(whoSaid(library, "we will not copy what russia does").match?.id).toBe("stoltenberg-2019-08-02-inf-no-mirror");
  });
});
