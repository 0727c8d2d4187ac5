import { describe, expect, it } from "vitest";
import { openLibrary, whoSaid } from "../src/core/answers.ts";
import { quotedLines, quoteWordings } from "../src/core/quote-terms.ts";
import { EVAL_SETS, evaluate, loadEvalSet } from "./who-said/evaluate.ts";
import { realLibrary } from "./support/library.ts";

const library = realLibrary();

/** Each query finds the quote named beside it. */
function expectFound(cases: readonly (readonly [string, string])[]): void {
  for (const [query, id] of cases) expect(whoSaid(library, query).match?.id, query).toBe(id);
}

/**
 * Each pair is a query a rule turns away and the same words without what the rule reads (the question, the writer):
 * the second gets its closest quote, so the rule, not the words, is what turns the first away.
 */
function expectTurnedAwayByTheRule(pairs: readonly (readonly [string, string])[]): void {
  for (const [turnedAway, plain] of pairs) {
    expect(whoSaid(library, turnedAway).match, turnedAway).toBeNull();
    expect(whoSaid(library, plain).confidence, plain).toBe("closest");
  }
}

describe("who said", () => {
  it("finds the original wording from the seed article's reworded copy", () => {
    const reply = whoSaid(library, "Russia has failed to fulfill its CFE commitments for many years");
    expect(reply.match?.id).toBe("nato-2023-06-09-cfe-not-complied");
    expect(reply.match?.text).toMatch(/not complied with its CFE obligations/);
    expect(reply.match?.source.url).toMatch(/^https?:\/\//);
  });

  // The CFE seed copy rewords every quote; none of its wordings is stored, so matching alone must find each original.
  it.each([
    ["Even the formal retention of the CFE Treaty has become unacceptable from the perspective of Russia's fundamental security interests", "russian-mfa-2023-11-07-cfe-formal-preservation"],
    ["when the formation of a new cooperation-based architecture of global and European security seemed possible and attempts were being made to do so", "russian-mfa-2023-11-07-cfe-end-of-cold-war"],
    ["Russia's war of aggression against Ukraine and Belarus' complicity contradict the goals of the CFE Treaty", "nato-2023-06-09-cfe-war-of-aggression"],
    ["Peskov said at the weekend that relations with the USA were below zero", "peskov-2023-11-05-us-relations-below-zero"],
    ["Russia's 'suspension' of treaty implementation since 2007 has significantly impaired the treaty's verifiability, reduced transparency", "state-department-2020-cfe-suspension"],
  ])("finds the original of the seed copy's reworded %j", (query, id) => {
    expect(whoSaid(library, query).match?.id).toBe(id);
  });

  it("reads past chat markup: mentions, custom emoji and links around the words are not words of the query", () => {
    const plain = whoSaid(library, "trust but verify");
    const noisy = whoSaid(library, "<@123456789012345678> @everyone <:nuke:987654321098765432> trust but verify https://example.com/x?y=1");
    expect(noisy.match?.id).toBe(plain.match?.id);
    expect(noisy.confidence).toBe(plain.confidence);
    expect(noisy.query).toContain("@everyone"); // echoed as typed; the renderers escape it
    expect(whoSaid(library, "<@123> <#456> @here https://example.com").match).toBeNull();
  });

  it("answers a speaker and a topic with that speaker's words", () => {
    const reply = whoSaid(library, "stoltenberg inf");
    expect(reply.match?.speaker).toMatch(/Stoltenberg/);
    expect(reply.match?.treaties.map((t) => t.id)).toContain("inf");
  });

  it("reads a few words as a speaker and a topic, but a sentence by its words: 'state' in it is no Secretary of State", () => {
    // Countryman is "Assistant Secretary of State" and his remarks are about a zone protocol too; the sentence is Retno's.
    const sentence = whoSaid(library, "not one nuclear weapon state has signed it");
    expect(sentence.match?.id).toBe("retno-2023-07-11-seanwfz-protocol-unsigned");
    expect(whoSaid(library, "countryman nuclear protocol").match?.id).toBe("countryman-2014-05-06-canwfz-protocol");
  });

  it("reads a treaty's name as the treaty, not as words any quote may use", () => {
    expect(whoSaid(library, "putin new start suspension").match?.id).toBe("putin-2023-02-21-new-start-suspension");
  });

  it("counts a wording a second source prints word for word once, so the confirmation does not outweigh other quotes", () => {
    const sullivan = library.catalog.quotes.find((q) => q.id === "sullivan-2023-11-07-cfe-fundamentally-altered")!;
    expect(sullivan.variants.map((v) => v.text)).toContain(sullivan.text);
    expect(quoteWordings(sullivan)).toEqual([sullivan.text]);
    // NATO's words, loosely: Sullivan's statement shares many of them, and was counted twice over.
    expect(whoSaid(library, "the allies will suspend the cfe treaty as long as needed and all nato members back the decision").match?.id).toBe("nato-2023-11-07-cfe-suspend-operation");
  });

  it("tells a user who types a famous line whose attribution is disputed who really said it, with the source", () => {
    for (const q of ["trust but verify", "the living will envy the dead"]) {
      const reply = whoSaid(library, q);
      expect(reply.match?.verdict).toBe("disputed");
      expect(reply.match?.verdictNote?.length).toBeGreaterThan(40);
      expect(reply.match?.source.url).toMatch(/^https?:\/\//);
    }
  });

  it.each(["pizza", "hello there", "who won the world cup", "keep calm and carry on", "", "@everyone", "x".repeat(6000)])(
    "answers the off-topic query %j with no quote",
    (q) => {
      const reply = whoSaid(library, q);
      expect(reply.match).toBeNull();
      expect(reply.alternatives).toEqual([]);
    },
  );

  it("finds a disputed line by what its note says of its origin ('the russian proverb'), but no other quote by its note", () => {
    // The note says a scholar of Russia taught Reagan the proverb; the quote and its context do not.
    const query = "which scholar taught reagan the russian proverb";
    expect(whoSaid(library, query).match?.id).toBe("reagan-1987-12-08-trust-but-verify");
    const withoutNotes = openLibrary({ ...library.catalog, quotes: library.catalog.quotes.map(({ verdictNote: _, ...q }) => q) });
    expect(whoSaid(withoutNotes, query).match).toBeNull();
  });

  it("answers nothing on a year alone, but still uses a year a fragment shares with its quote", () => {
    for (const q of ["who won the world cup in 2018", "who won the 2010 world cup", "what happened in 1987", "by 1970"]) expect(whoSaid(library, q).match, q).toBeNull();
    for (const q of ["haunted by the feeling that by 1970", "kennedy nuclear powers 1970"]) expect(whoSaid(library, q).match?.id, q).toBe("kennedy-1963-03-21-fifteen-or-twenty-nuclear-powers");
  });

  it("reads an expression with its stopwords as what it means ('on hold' as suspend), and only from the idiom table", () => {
    const withoutIdioms = openLibrary({ ...library.catalog, lexicon: { ...library.catalog.lexicon, idioms: {} } });
    const cases = [
      ["for moscow the cfe treaty is now a thing of the past", "russian-mfa-2023-11-07-cfe-history"],
      ["the us withdrawal from the abm treaty kicked in today", "bush-2002-06-13-abm-withdrawal-effective"],
      ["the survivors would be jealous of the dead", "church-1979-07-11-survivors-would-envy-the-dead"],
      ["nato allies put the cfe treaty on hold", "nato-2023-11-07-cfe-suspend-operation"],
    ] as const;
    for (const [query, id] of cases) {
      expect(whoSaid(library, query).match?.id, query).toBe(id);
      // Without the table none of them is found: the expressions, not the other words, carry them.
      expect(whoSaid(withoutIdioms, query).match?.id, query).not.toBe(id);
    }
  });

  it("reads a hyphenated 'non-proliferation' as the 'nonproliferation' a quote writes, so an exact fragment is exact", () => {
    const reply = whoSaid(library, "significant step to advance nuclear non-proliferation and disarmament");
    expect(reply.match?.id).toBe("countryman-2014-05-06-canwfz-protocol");
    expect(reply.confidence).toBe("exact");
  });

  it("turns away a question about something else, however many of its words are ours, but not a question about a quote", () => {
    const pairs = [
      ["can someone explain why the missile defense tower keeps getting destroyed", "someone explain why the missile defense tower keeps getting destroyed"],
      // An auxiliary before no subject may open a quote's fragment, so only a loose match is turned away.
      ["are missile launchers any good in the new battlefield season", "missile launchers any good in the new battlefield season"],
      // "when" asks only before an auxiliary; before anything else it opens a clause ("when it expires tomorrow …").
      ["when did the uk ratify the montreal protocol on ozone", "the uk did ratify the montreal protocol on ozone"],
    ] as const;
    expectTurnedAwayByTheRule(pairs);
    // "which country …" may ask about anything: it is no question about a speaker.
    expect(whoSaid(library, "which country won the nuclear arms race in the world cup of 2018").match).toBeNull();
    // A later clause may ask the question: a question word, then an auxiliary before "i", "you" or "we".
    expect(whoSaid(library, "giving the treaty a new start in the game, what should we build first").match).toBeNull();
    // A question about who said what is a quote query; a fragment may open like a question ("is very disappointing").
    expectFound([
      ["what did nato say about russia not fulfilling its cfe commitments for many years", "nato-2023-06-09-cfe-not-complied"],
      ["what was that line about the survivors envying the dead", "church-1979-07-11-survivors-would-envy-the-dead"],
      ["which un office called the att the sole worldwide tool for openness in weapons sales", "un-spokesperson-2019-04-26-att-landmark"],
      ["where does the russian proverb about trusting people but checking anyway come from", "reagan-1987-12-08-trust-but-verify"],
      ["is very disappointing and deeply regrettable", "floyd-2023-10-18-duma-deeply-regrettable"],
      ["this step was not a surprise for us, however we consider it a mistake", "putin-2001-12-13-abm-mistake"],
      ["trust but verify, how do you say that in russian", "reagan-1987-12-08-trust-but-verify"],
      ["when it expires tomorrow the world will lose an invaluable brake on nuclear war", "guterres-2019-08-01-inf-invaluable-brake"],
      // Any verb of saying marks a question about a quote: "remarked", "lamented" as well as "said".
      ["which russian president remarked that the american decision was no surprise but a mistake", "putin-2001-12-13-abm-mistake"],
      ["which minister lamented that no nuclear power has signed the southeast asia protocol in 25 years", "retno-2023-07-11-seanwfz-protocol-unsigned"],
      // "which president …" asks who, as "who" does, whatever the verb.
      ["which president wanted the south pole to stay peaceful and free of political conflict", "eisenhower-1958-05-03-antarctica-peaceful"],
      ["is very dissapointing and deeply regretable", "floyd-2023-10-18-duma-deeply-regrettable"],
    ]);
  });

  it("gives no loose match on a few everyday words to a query that does not ask for a quote, but answers one that asks", () => {
    const pairs = [
      ["i verify that the treaty i signed with the landlord is binding", "who said i verify that the treaty i signed with the landlord is binding"],
      ["need a non-proliferation pact with the roommate about dirty dishes", "the line about needing a non-proliferation pact with the roommate about dirty dishes"],
      ["we should suspend the group chat treaty until the exams are over", "someone said we should suspend the group chat treaty until the exams are over"],
    ] as const;
    expectTurnedAwayByTheRule(pairs);
    // A paraphrase that matches its quote on more than a few words needs no request for a quote.
    expectFound([["the sole worldwide tool for making the weapons business more open and accountable", "un-spokesperson-2019-04-26-att-landmark"]]);
  });

  it("gives no full match that a synonym completes on little weight ('verify your account'), but answers a name alone", () => {
    for (const q of ["verify your account", "verify my account", "check your account"]) expect(whoSaid(library, q).match, q).toBeNull();
    expectFound([
      ["trust but verify", "reagan-1987-12-08-trust-but-verify"],
      ["peskov", "peskov-2023-11-05-us-relations-below-zero"],
      ["putin ctbt", "putin-2023-10-05-ctbt-theoretically-withdraw"],
    ]);
  });

  it("takes a line in quotation marks as claimed word for word: a quote that shares it only in sense is not it", () => {
    expect(quotedLines(`Who said "Frankly, my dear, I don't give a damn" in the film?`)).toEqual(["Frankly, my dear, I don't give a damn"]);
    expect(quotedLines("who said ‘we will not mirror what russia does’")).toEqual(["we will not mirror what russia does"]);
    // Two words in quotes name a term, and an apostrophe inside a word opens no quotation.
    expect(quotedLines(`the language of "arms control" was replaced, wasn't it, by 'arms reduction'`)).toEqual([]);
    // Pasted text full of quotations costs a search per line: only the first few distinct ones are read.
    expect(quotedLines("'trust but verify' ".repeat(30) + "'a b c' 'd e f' 'g h i'")).toEqual(["trust but verify", "a b c", "d e f"]);
    const pairs = [["who said 'nobody comes out on top in an atomic war'", "who said nobody comes out on top in an atomic war"]] as const;
    for (const [quoted, plain] of pairs) {
      expect(whoSaid(library, quoted).match, quoted).toBeNull();
      expect(whoSaid(library, plain).match?.id, plain).toBe("reagan-1982-04-17-nuclear-war-cannot-be-won");
    }
    // A line remembered nearly word for word is still found, quotation marks and all.
    expectFound([
      ["who said 'the living will envy the dead'", "church-1979-07-11-survivors-would-envy-the-dead"],
      ["who said 'a nuclear war can never be won and should never be fought'", "reagan-1982-04-17-nuclear-war-cannot-be-won"],
      ["“a ray of light cut through the darkness”", "kennedy-1963-07-26-shaft-of-light"],
    ]);
  });

  it("reads 'saying' after a verb ('it keeps saying') as talk, not as a question about a saying", () => {
    for (const q of ["how can i verify my email here, it keeps saying the link has expired", "the app keeps saying my verification code expired, how do i get a new one"]) {
      expect(whoSaid(library, q).match, q).toBeNull();
    }
    expectFound([
      ["what's that old saying about trusting but verifying", "reagan-1987-12-08-trust-but-verify"],
      ["the russian saying about trust and verification", "reagan-1987-12-08-trust-but-verify"],
    ]);
  });

  it("gives no loose match to chat about the writer's own life, but answers one that asks who said it", () => {
    const pairs = [
      ["my cat launches herself off the bookshelf like a guided missile lol", "the cat launches herself off the bookshelf like a guided missile"],
    ] as const;
    expectTurnedAwayByTheRule(pairs);
    expectFound([
      ["my dad always says trust but verify, who said it first?", "reagan-1987-12-08-trust-but-verify"],
      ["my favourite line: we will not mirror what russia does", "stoltenberg-2019-08-02-inf-no-mirror"],
      // "mine" is a landmine as often as it is the writer's.
      ["baltic and polish defence chiefs said even after leaving the mine ban pact they'll still respect humanitarian law and protecting civilians in war", "baltic-poland-defence-ministers-2025-03-18-ottawa-ihl"],
    ]);
  });

  it("reads a treaty's name used in its other sense ('open skies' for airlines) as about something else", () => {
    expect(whoSaid(library, "open skies deal lets eu airlines fly any route").match).toBeNull();
    expect(whoSaid(library, "open skies observation flights over russia").match?.id).toBe("pompeo-2020-11-22-open-skies-withdrawal-effective");
  });

  it("gives no partial match to a query about a treaty the catalog does not hold ('the treaty of westphalia')", () => {
    expect(library.quotes.namesOtherTreaty("treaty of westphalia summary")).toBe(true);
    expect(library.quotes.namesOtherTreaty("so the Treaty of Versailles, right?")).toBe(true);
    for (const q of ["the treaty of tlatelolco made latin america free of nuclear weapons", "treaty of 1987", "the treaty of the baltic states"]) {
      expect(library.quotes.namesOtherTreaty(q), q).toBe(false);
    }
    // The same line about a treaty we hold gets its closest quote; about one we do not, none.
    expect(whoSaid(library, "treaty of pelindaba summary for the history exam tomorrow").confidence).toBe("closest");
    expect(whoSaid(library, "treaty of westphalia summary for the history exam tomorrow").match).toBeNull();
  });

  it("says 'closest' rather than asserting when only part of a paraphrase matches", () => {
    const reply = whoSaid(library, "ties with the americans have fallen below zero");
    expect(reply.match?.id).toBe("peskov-2023-11-05-us-relations-below-zero");
    expect(reply.confidence).toBe("closest");
  });

  it("meets its accuracy goals on the evaluation set", () => {
    const { kinds } = evaluate(library, loadEvalSet());
    const top1 = Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, v.top1]));
    // Floors sit at or just under today's figures, so a regression fails the suite (figures in the closing note).
    expect(top1.offTopic).toBe(1);
    expect(top1.fragment).toBeGreaterThanOrEqual(0.98);
    expect(top1.typo).toBeGreaterThanOrEqual(0.98);
    expect(top1.fewWrong).toBeGreaterThanOrEqual(0.98);
    expect(top1.speakerTopic).toBeGreaterThanOrEqual(0.97);
    expect(top1.paraphrase).toBeGreaterThanOrEqual(0.92);
  });

  it("holds its figures on the second evaluation set (paraphrases written later, by someone else)", () => {
    const { kinds } = evaluate(library, loadEvalSet("eval-2"));
    expect(kinds.paraphrase?.top1).toBeGreaterThanOrEqual(0.86);
    expect(kinds.offTopic?.top1).toBeGreaterThanOrEqual(0.9);
  });

  it("holds its figures on the held-out and twenty-two blind sets (written by others, without sight of the matcher)", () => {
    const heldout = evaluate(library, loadEvalSet("heldout")).kinds;
    expect(heldout.paraphrase?.top1).toBeGreaterThanOrEqual(0.88);
    expect(heldout.fragment?.top1).toBe(1);
    expect(heldout.typo?.top1).toBe(1);
    // Each blind set's floors for paraphrases, off-topic lines and the other kinds, at or just under its figures today.
    const floors = {
      blind: [0.93, 0.95, 0.98],
      "blind-2": [0.98, 0.98, 0.98],
      "blind-3": [0.93, 0.95, 0.98],
      "blind-4": [0.95, 0.98, 0.98],
      "blind-5": [0.93, 0.98, 0.98],
      "blind-6": [0.95, 0.98, 0.98],
      "blind-7": [0.9, 0.98, 0.98],
      "blind-8": [0.98, 0.98, 0.98],
      "blind-9": [0.95, 0.95, 0.98],
      "blind-10": [0.98, 0.98, 0.98],
      "blind-11": [0.95, 0.98, 0.98],
      "blind-12": [0.98, 0.95, 0.98],
      "blind-13": [0.98, 0.93, 0.93],
      "blind-14": [0.98, 0.98, 0.98],
      "blind-15": [0.98, 0.98, 0.98],
      "blind-16": [0.98, 0.98, 0.98],
      "blind-17": [0.95, 0.95, 0.98],
      "blind-18": [0.98, 0.98, 0.98],
      "blind-19": [0.98, 0.98, 0.98],
      "blind-20": [0.98, 0.95, 0.98],
      "blind-21": [0.95, 0.98, 0.98],
      "blind-22": [0.95, 0.98, 0.98],
    } as const;
    for (const [set, [paraphrase, offTopic, others]] of Object.entries(floors)) {
      const kinds = evaluate(library, loadEvalSet(set as keyof typeof floors)).kinds;
      expect(kinds.paraphrase?.top1, set).toBeGreaterThanOrEqual(paraphrase);
      for (const kind of ["fragment", "fewWrong", "typo", "speakerTopic"]) expect(kinds[kind]?.top1, `${set} ${kind}`).toBeGreaterThanOrEqual(others);
      expect(kinds.offTopic?.top1, set).toBeGreaterThanOrEqual(offTopic);
    }
  });

  it("keeps every evaluation set written against real quote ids", () => {
    const ids = new Set(library.catalog.quotes.map((q) => q.id));
    for (const set of EVAL_SETS) expect(loadEvalSet(set).filter((c) => c.expect !== null && !ids.has(c.expect)), set).toEqual([]);
  });

  it("has an evaluation set of the size the issue asks for, written against real quote ids", () => {
    const cases = loadEvalSet();
    const ids = new Set(library.catalog.quotes.map((q) => q.id));
    expect(cases.filter((c) => c.expect !== null).length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.expect === null).length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.expect !== null && !ids.has(c.expect))).toEqual([]);
  });
});
