import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findTreaty, whoSaid } from "../src/core/answers.ts";
import type { QuoteCard, TreatyCard, TreatyReply, WhoSaidReply } from "../src/core/reply.ts";
import { escapeUserText, renderMessage } from "../src/render/embed.ts";
import { expectWithinLimits } from "./support/embeds.ts";
import { renderText } from "../src/render/terminal.ts";
import { readsAsEnglish } from "../src/core/quote-terms.ts";
import { whoSaidJson } from "../src/render/json.ts";
import { realLibrary } from "./support/library.ts";

const library = realLibrary();

const text = (max: number) => fc.string({ unit: "grapheme", maxLength: max });
const url = fc.webUrl();
const refs = fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 5 });

const treatyCard: fc.Arbitrary<TreatyCard> = fc.record({
  id: fc.constant("x"),
  name: text(400),
  abbreviation: text(50),
  kind: fc.constant("multilateral"),
  category: fc.constant("nuclear"),
  signed: fc.record({ date: fc.constant("1990-11-19"), place: text(300), refs }),
  enteredIntoForce: fc.option(fc.record({ date: fc.constant("1992"), refs }), { nil: null }),
  status: fc.record({ code: fc.constant("in-force" as const), label: fc.constant("In force"), asOf: fc.constant("2025-01-01"), note: text(3000), refs }),
  parties: fc.record({ text: text(2000), refs }),
  summary: fc.array(fc.record({ text: text(3000), refs }), { minLength: 1, maxLength: 3 }),
  provisions: fc.array(fc.record({ text: text(500), refs }), { maxLength: 6 }),
  events: fc.array(fc.record({ date: fc.constant("2007-12-12"), kind: fc.constantFrom("suspension" as const, "other" as const), actor: text(200), text: text(1500), refs }), { maxLength: 40 }),
  disagreements: fc.constant([]),
  related: fc.constant([]),
  sources: fc.array(fc.record({ n: fc.integer({ min: 1, max: 30 }), title: text(500), publisher: text(200), url }), { maxLength: 60 }),
});

const quoteCard: fc.Arbitrary<QuoteCard> = fc.record({
  id: fc.constant("q"),
  text: text(8000),
  speaker: text(300),
  role: text(300),
  date: fc.constant("2019-02-13"),
  context: text(2000),
  verdict: fc.constantFrom("verified" as const, "reported" as const, "misattributed" as const),
  verdictNote: text(2000),
  treaties: fc.array(fc.record({ id: fc.constant("inf"), name: text(300), abbreviation: text(40) }), { maxLength: 10 }),
  source: fc.record({ title: text(1000), publisher: text(300), url }),
  variants: fc.constant([]),
});

describe("Discord embeds", () => {
  it("respect every Discord limit, whatever the reply holds", () => {
    fc.assert(
      fc.property(treatyCard, text(6000), fc.constantFrom("exact" as const, "closest" as const), (card, query, confidence) => {
        const reply: TreatyReply = { type: "treaty", query, match: card, confidence, alternatives: [{ id: "a", name: "A".repeat(300), abbreviation: "B" }] };
        expectWithinLimits(renderMessage(reply, "footer").embeds);
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(quoteCard, text(6000), (card, query) => {
        const reply: WhoSaidReply = { type: "who-said", query, match: card, confidence: "closest", alternatives: [{ id: "b", speaker: "S".repeat(500), text: "t".repeat(5000), date: "2020" }] };
        expectWithinLimits(renderMessage(reply, "f".repeat(3000)).embeds);
      }),
      { numRuns: 150 },
    );
  });

  it("fit every real treaty and quote of the catalog", () => {
    for (const t of library.catalog.treaties) expectWithinLimits(renderMessage(findTreaty(library, t.id)).embeds);
    for (const q of library.catalog.quotes) expectWithinLimits(renderMessage(whoSaid(library, q.text)).embeds);
  });

  it("echo user text without live mentions, markdown or control characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.constantFrom("@everyone", "@here", "<@123456789012345678>", "<@!123456789012345678>", "<@&123456789012345678>", "<#123456789012345678>", "**x**", "```js", "[a](https://e.example)", "\u202e", "\u0000"), (s, hostile) => {
        const out = escapeUserText(`${s}${hostile}${s}`, 200);
        expect(out).not.toMatch(/@(everyone|here)|<[@#][!&]?\d/);
        expect(out).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
        expect(out.length).toBeLessThanOrEqual(400);
      }),
      { numRuns: 300 },
    );
  });
});

describe("terminal text", () => {
  it("lists every cited source with its link", () => {
    const reply = findTreaty(library, "cfe");
    const out = renderText(reply);
    for (const s of reply.match!.sources) expect(out).toContain(s.url);
  });
});

describe("a quote stored in another language", () => {

  it("comes with a published English rendering, in the embed, the terminal and the JSON", () => {
    const reply = whoSaid(library, "special secure line between the two presidents, even for video");
    expect(reply.match?.text).toMatch(/[А-Яа-я]/);
    const english = reply.match?.english;
    expect(english?.text).toMatch(/secure line for communication/);
    expect(english?.source.url).toMatch(/^https:\/\//);
    const { embeds } = renderMessage(reply);
    expectWithinLimits(embeds);
    const embed = embeds[0]!;
    expect(embed.fields?.find((f) => f.name === "In English")?.value).toContain(english!.source.url);
    expect(renderText(reply)).toContain(`In English (${english!.source.publisher})`);
    expect(whoSaidJson(reply).match?.english?.url).toBe(english!.source.url);
  });

  it("does the same for one said in German or French, in Latin letters but not in English", () => {
    for (const query of ["austria does not only pay lip service", "the hcoc is the only universal instrument for confidence-building in ballistic missiles"]) {
      const reply = whoSaid(library, query);
      expect(reply.match?.text, query).toMatch(/Österreich|instrument à visée/);
      expect(reply.match?.english?.text, query).toMatch(/^(Austria|The HCoC)/);
      expect(renderText(reply)).toContain("In English (");
    }
  });

  it("tells English from German, French and Italian by its function words, and takes a short fragment as English", () => {
    expect(readsAsEnglish("Russia is solely responsible for the treaty's demise")).toBe(true);
    expect(readsAsEnglish("clear and blatant violation")).toBe(true);
    expect(readsAsEnglish("Wir rufen Iran und alle Staaten dringend auf, sich uneingeschränkt an diese Resolutionen zu halten.")).toBe(false);
    expect(readsAsEnglish("Le HCoC est le seul instrument à visée universelle")).toBe(false);
    expect(readsAsEnglish("Le relazioni sono a zero o, direi, addirittura sotto zero.")).toBe(false);
    expect(readsAsEnglish("Отношения находятся на нуле")).toBe(false);
  });

  it("adds nothing for a quote already in English", () => {
    const reply = whoSaid(library, "trust but verify");
    expect(reply.match?.english).toBeUndefined();
    expect(reply.match?.translatedFrom).toBeUndefined();
    expect(renderMessage(reply).embeds[0]!.fields?.some((f) => f.name === "In English")).toBe(false);
    expect(renderText(reply)).not.toMatch(/English rendering/);
  });
});

describe("a quote we hold only as a published English rendering", () => {
  it("says so, naming the language the words were said in, in the embed, the terminal and the JSON", () => {
    // Putin spoke in Russian at Valdai; we have found only agencies' English renderings of these words.
    const reply = whoSaid(library, "putin: a matter for the duma deputies, theoretically the ratification can be withdrawn");
    expect(reply.match?.id).toBe("putin-2023-10-05-ctbt-theoretically-withdraw");
    expect(reply.match?.translatedFrom).toBe("Russian");
    const embed = renderMessage(reply).embeds[0]!;
    expectWithinLimits([embed]);
    expect(embed.description).toMatch(/published English rendering: the words were said in Russian/);
    expect(renderText(reply)).toMatch(/published English rendering: the words were said in Russian/);
    expect(whoSaidJson(reply).match?.translatedFrom).toBe("Russian");
  });

  it("marks every such quote in the catalog, and no quote stored in the language it was said in", () => {
    const marked = library.catalog.quotes.filter((q) => q.translatedFrom);
    expect(marked.length).toBeGreaterThan(0);
    // A rendering is English: a quote stored in another script is the original, never marked.
    for (const q of library.catalog.quotes) if (/[А-Яа-яЁё]/.test(q.text)) expect(q.translatedFrom, q.id).toBeUndefined();
  });
});

describe("a command with nothing to look up", () => {

  it.each(["", "   "])("asks for words rather than reporting that %j matched nothing", (q) => {
    for (const reply of [findTreaty(library, q), whoSaid(library, q)]) {
      const text = renderText(reply);
      expect(text).toMatch(/^Type /);
      expect(text).not.toContain('""');
      const embed = renderMessage(reply).embeds[0]!;
      expect(embed.description).toMatch(/^Type /);
    }
  });
});

