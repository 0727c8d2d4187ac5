import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError, loadCatalog } from "../src/catalog/load.ts";
import { checkCuration, compareDates } from "../src/catalog/rules.ts";
import { Confusables, OtherSenses, PartialDate } from "../src/catalog/schema.ts";
import { realCatalog } from "./support/library.ts";

/** A small valid record to break in one place per test. */
function record(overrides: Record<string, unknown> = {}) {
  return {
    id: "test-treaty",
    name: "Test Treaty on Examples",
    abbreviation: "TTE",
    aliases: [],
    kind: "bilateral",
    category: "nuclear",
    signed: { date: "1990-11-19", place: "Paris", sources: ["a"] },
    enteredIntoForce: { date: "1992-11-09", sources: ["a"] },
    status: { code: "in-force", asOf: "2023-11-07", note: "Still in force.", sources: ["a"] },
    parties: { text: "Two states", sources: ["a"] },
    summary: [{ text: "Limits examples.", sources: ["a"] }],
    provisions: [{ text: "No more than ten examples.", sources: ["a"] }],
    events: [],
    sources: [{ id: "a", title: "Fact sheet", publisher: "Example Office", url: "https://example.org/a" }],
    ...overrides,
  };
}

function dataDir(treaties: Record<string, unknown>[], quotes: unknown[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), "treaty-data-"));
  mkdirSync(join(dir, "data", "treaties"), { recursive: true });
  mkdirSync(join(dir, "data", "quotes"), { recursive: true });
  for (const t of treaties) writeFileSync(join(dir, "data", "treaties", `${String(t.id)}.json`), JSON.stringify(t));
  writeFileSync(join(dir, "data", "quotes", "test.json"), JSON.stringify(quotes));
  return join(dir, "data");
}

const rulesOf = (treaties: Record<string, unknown>[]) =>
  checkCuration(loadCatalog(dataDir(treaties)), { today: "2026-11-23", requireCoverage: false }).problems.map((p) => `${p.path}: ${p.message}`);

describe("the curated catalog", () => {
  it("passes the schema and every curation rule, and covers every id of the coverage list", () => {
    const { problems } = checkCuration(realCatalog(), { today: new Date().toISOString().slice(0, 10), requireCoverage: true });
    expect(problems).toEqual([]);
  });

  it("cites a source with a URL behind every fact of the CFE record", () => {
    const cfe = realCatalog().treatyById.get("cfe")!;
    const ids = new Set(cfe.sources.map((s) => s.id));
    const facts = [cfe.signed, cfe.status, cfe.parties, ...cfe.summary, ...cfe.provisions, ...cfe.events];
    for (const f of facts) expect(f.sources.every((id) => ids.has(id))).toBe(true);
    expect(cfe.signed.date).toBe("1990-11-19");
    expect(cfe.events.some((e) => e.date === "2023-11-07" && e.kind === "withdrawal")).toBe(true);
    expect(cfe.events.some((e) => e.date.startsWith("2007") && e.kind === "suspension")).toBe(true);
  });
});

describe("loading", () => {
  it("stops on a bad file, naming the file, the path inside it and the problem", () => {
    const bad = record({ signed: { date: "1990-13-01", sources: ["a"] } });
    try {
      loadCatalog(dataDir([bad]));
      expect.unreachable("a bad date must stop the load");
    } catch (err) {
      expect(err).toBeInstanceOf(DataError);
      const [problem] = (err as DataError).problems;
      expect(problem).toMatchObject({ file: join("data", "treaties", "test-treaty.json"), path: "signed.date" });
      expect(problem?.message).toMatch(/ISO date/);
    }
  });

  it("takes a quote's translatedFrom only as a language other than English", () => {
    const quote = (translatedFrom: string) => ({
      id: "q", text: "Words.", speaker: "S", role: "R", date: "2020-01-01", context: "C.", treaties: ["test-treaty"], verdict: "reported",
      translatedFrom, source: { title: "T", publisher: "P", url: "https://example.org/q" },
    });
    expect(() => loadCatalog(dataDir([record()], [quote("ru")]))).not.toThrow();
    for (const bad of ["en", "zz", "russian"]) expect(() => loadCatalog(dataDir([record()], [quote(bad)])), bad).toThrow(/translatedFrom/);
  });

  it("refuses a group of confusable words that cites no listed source, or is not a group", () => {
    const file = (groups: unknown[]) => ({ about: "Slips.", sources: [{ id: "guide", title: "Usage", publisher: "Guide", url: "https://example.org/g" }], groups });
    expect(Confusables.safeParse(file([{ words: ["loose", "lose"], sources: ["guide"] }])).success).toBe(true);
    const unknown = Confusables.safeParse(file([{ words: ["loose", "lose"], sources: ["elsewhere"] }]));
    expect(unknown.error?.issues[0]).toMatchObject({ path: ["groups", 0, "sources", 0], message: 'no source "elsewhere" in sources' });
    expect(Confusables.safeParse(file([{ words: ["lose"], sources: ["guide"] }])).success).toBe(false);
  });

  it("refuses an expression of stopwords alone in the idiom table, which could never apply", () => {
    const catalog = realCatalog();
    const check = (idioms: Record<string, string[]>) =>
      checkCuration({ ...catalog, lexicon: { ...catalog.lexicon, idioms } }, { today: "2026-11-23", requireCoverage: false }).problems.filter((p) => p.file === "data/lexicon/idioms.json");
    expect(check({ "on hold": ["suspend"] })).toEqual([]);
    expect(check({ "on the": ["suspend"] }).map((p) => p.path)).toEqual(['idioms["on the"]']);
  });

  it("refuses another sense of a name no treaty in the catalog has, and a sense cited to no listed source", () => {
    const catalog = realCatalog();
    const check = (name: string) =>
      checkCuration({ ...catalog, lexicon: { ...catalog.lexicon, otherSenses: [{ name, cues: ["airline"] }] } }, { today: "2026-11-23", requireCoverage: false }).problems.filter(
        (p) => p.file === "data/lexicon/other-senses.json",
      );
    expect(check("open skies")).toEqual([]);
    expect(check("blue skies").map((p) => p.path)).toEqual(["senses[0].name"]);
    const source = { id: "ec", title: "t", publisher: "p", url: "https://example.org" };
    const file = (refs: string[]) => ({ about: "a", sources: [source], senses: [{ name: "open skies", means: "m", cues: ["airline"], sources: refs }] });
    expect(OtherSenses.safeParse(file(["ec"])).success).toBe(true);
    expect(OtherSenses.safeParse(file(["elsewhere"])).error?.issues[0]).toMatchObject({ path: ["senses", 0, "sources", 0] });
  });

  it("rejects a record whose id is not its file name, and unknown fields", () => {
    expect(() => loadCatalog(dataDir([{ ...record(), id: "other", colour: "red" }]))).toThrow(/colour|id/);
  });

  it("keeps partial dates partial and rejects impossible days", () => {
    expect(PartialDate.safeParse("1991-07").success).toBe(true);
    expect(PartialDate.safeParse("2015").success).toBe(true);
    expect(PartialDate.safeParse("1991-7").success).toBe(false);
    expect(PartialDate.safeParse("2023-02-29").success).toBe(false);
    expect(PartialDate.safeParse("2024-02-29").success).toBe(true);
  });
});

describe("curation rules", () => {
  it("accepts a clean record", () => {
    expect(rulesOf([record()])).toEqual([]);
  });

  it("catches a source reference that does not resolve", () => {
    expect(rulesOf([record({ summary: [{ text: "x", sources: ["nope"] }] })]).join("\n")).toMatch(/summary\[0\].*"nope"/);
  });

  it("catches entry into force before signature", () => {
    expect(rulesOf([record({ enteredIntoForce: { date: "1989", sources: ["a"] } })]).join("\n")).toMatch(/before the signature/);
  });

  it("catches a status that no event explains, and events out of order", () => {
    const problems = rulesOf([
      record({
        status: { code: "expired", asOf: "2023-11-07", note: "Ended.", sources: ["a"] },
        events: [
          { date: "2007-12-12", kind: "suspension", actor: "A", text: "x", sources: ["a"] },
          { date: "2001", kind: "other", actor: "A", text: "y", sources: ["a"] },
        ],
      }),
    ]).join("\n");
    expect(problems).toMatch(/no event of kind expiry/);
    expect(problems).toMatch(/date order/);
  });

  it("catches a political commitment given a legal status, and an alias two treaties share", () => {
    const problems = rulesOf([
      record({ kind: "political-commitment", enteredIntoForce: null }),
      record({ id: "second", name: "Second Example Accord", abbreviation: "SEA", aliases: ["TTE"] }),
    ]).join("\n");
    expect(problems).toMatch(/use active or inactive/);
    expect(problems).toMatch(/"tte" also names/);
  });

  it("requires a record for every id of the coverage list", () => {
    const problems = checkCuration(loadCatalog(dataDir([record()])), { today: "2026-11-23", requireCoverage: true }).problems;
    expect(problems.map((p) => p.file)).toContain(join("data", "treaties", "cfe.json").replace(/\\/g, "/"));
    expect(problems.filter((p) => /is missing/.test(p.message))).toHaveLength(44);
  });

  it("compares partial dates at their common precision", () => {
    expect(compareDates("1991-07", "1991-07-15")).toBe(0);
    expect(compareDates("1991", "1990-12-31")).toBe(1);
    expect(compareDates("2007-12-12", "2015")).toBe(-1);
  });
});
