import { z } from "zod";
import { isRealDay } from "../core/dates.ts";
import { languageName } from "../core/text.ts";

/** Status codes are a contract relied on by outside checks: keep them exactly. */
export const STATUS_CODES = [
  "in-force",
  "not-in-force",
  "expired",
  "terminated",
  "suspended",
  "withdrawn",
  "active",
  "inactive",
] as const;

export const TREATY_KINDS = [
  "bilateral",
  "multilateral",
  "political-commitment",
  "export-control-regime",
] as const;

export const CATEGORIES = [
  "nuclear",
  "conventional",
  "chemical",
  "biological",
  "missile",
  "testing",
  "zone",
  "space",
  "environment",
  "humanitarian",
  "confidence-building",
  "export-control",
  "non-proliferation",
] as const;

export const EVENT_KINDS = [
  "adopted",
  "signed",
  "entry-into-force",
  "ratification",
  "suspension",
  "withdrawal",
  "expiry",
  "extension",
  "termination",
  "violation-finding",
  "other",
] as const;

export const QUOTE_VERDICTS = ["verified", "reported", "disputed", "misattributed"] as const;

/** A date known to the day, the month or only the year: never padded. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "must be an ISO date: YYYY-MM-DD, YYYY-MM or YYYY")
  .refine((s) => s.length < 10 || isRealDay(s), "is not a day of the calendar");

export const FullDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a full ISO date YYYY-MM-DD")
  .refine(isRealDay, "is not a day of the calendar");


const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case");
const Text = z.string().trim().min(1, "must not be empty");
/** Ids of entries in the record's own `sources` list. */
const SourceRefs = z.array(Id).min(1, "every fact needs at least one source");

export const Source = z.strictObject({
  id: Id,
  title: Text,
  publisher: Text,
  url: z.url({ protocol: /^https?$/ }),
  published: PartialDate.optional(),
  /** Day the source was read, for pages that change (fact sheets, status lists). */
  accessed: FullDate.optional(),
});

export const SourcedText = z.strictObject({ text: Text, sources: SourceRefs });

export const TreatyEvent = z.strictObject({
  date: PartialDate,
  kind: z.enum(EVENT_KINDS),
  actor: Text,
  text: Text,
  sources: SourceRefs,
});

export const Disagreement = z.strictObject({
  /** What the sources disagree on, e.g. "enteredIntoForce.date". */
  field: Text,
  /** What each says, and which we chose and why. */
  text: Text,
  sources: z.array(Id).min(2, "a disagreement cites the sources that disagree"),
});

export const Treaty = z.strictObject({
  id: Id,
  name: Text,
  abbreviation: Text,
  aliases: z.array(Text),
  /** Sources for the names in other languages, where no fact cites them. */
  aliasSources: z.array(Id).default([]),
  kind: z.enum(TREATY_KINDS),
  category: z.enum(CATEGORIES),
  signed: z.strictObject({ date: PartialDate, place: Text.optional(), sources: SourceRefs }),
  enteredIntoForce: z.strictObject({ date: PartialDate, sources: SourceRefs }).nullable(),
  status: z.strictObject({
    code: z.enum(STATUS_CODES),
    asOf: FullDate,
    note: Text,
    sources: SourceRefs,
  }),
  depositary: SourcedText.optional(),
  parties: z.strictObject({
    text: Text,
    count: z.number().int().nonnegative().optional(),
    asOf: PartialDate.optional(),
    sources: SourceRefs,
  }),
  summary: z.array(SourcedText).min(1).max(3),
  provisions: z.array(SourcedText).min(1),
  events: z.array(TreatyEvent),
  disagreements: z.array(Disagreement).default([]),
  related: z.array(Id).default([]),
  sources: z.array(Source).min(1),
});

export const QuoteSource = z.strictObject({
  title: Text,
  publisher: Text,
  url: z.url({ protocol: /^https?$/ }),
  published: PartialDate.optional(),
});

export const Quote = z.strictObject({
  id: Id,
  /** Verbatim, in the wording of the original or primary source. */
  text: Text,
  speaker: Text,
  role: Text,
  date: PartialDate,
  context: Text,
  treaties: z.array(Id).min(1),
  verdict: z.enum(QUOTE_VERDICTS),
  /** For disputed or misattributed quotes: who really said it, and the evidence. */
  verdictNote: Text.optional(),
  /**
   * The language the words were said in, when `text` is a published English rendering because no published text in
   * that language was found (an ISO 639-1 code: "ru"). Replies say so, so nobody takes a translation for the words said.
   */
  translatedFrom: z
    .string()
    .regex(/^[a-z]{2}$/, "must be a two-letter language code")
    .refine((code) => code !== "en" && languageName(code) !== undefined, "must name a language other than English")
    .optional(),
  source: QuoteSource,
  /** Other wordings found in other sources (translations, news renderings). */
  variants: z.array(z.strictObject({ text: Text, source: QuoteSource, note: Text.optional() })).default([]),
});

export const QuoteFile = z.array(Quote);

export type Source = z.infer<typeof Source>;
export type Treaty = z.infer<typeof Treaty>;
export type Quote = z.infer<typeof Quote>;
export type StatusCode = (typeof STATUS_CODES)[number];
export type EventKind = (typeof EVENT_KINDS)[number];

/** The coverage list of design.md: every id must have a record. */
export const COVERAGE_IDS = [
  "cfe", "adapted-cfe", "inf", "new-start", "start-i", "start-ii", "sort", "salt-i", "salt-ii", "abm",
  "npt", "ctbt", "ptbt", "ttbt", "pnet", "open-skies", "cwc", "bwc", "geneva-protocol", "outer-space",
  "seabed", "enmod", "ccw", "ottawa", "ccm", "att", "tpnw", "tlatelolco", "rarotonga", "pelindaba",
  "bangkok", "semipalatinsk", "antarctic", "vienna-document", "jcpoa", "budapest-memorandum",
  "hague-code", "mtcr", "wassenaar", "nsg", "australia-group", "incsea", "hotline", "prevention-nuclear-war",
] as const;

/** data/lexicon/domain-synonyms.json: curated groups of words people use interchangeably. */
export const DomainSynonyms = z.strictObject({
  about: Text,
  groups: z.array(z.array(z.string().regex(/^[a-z']+$/, "must be one lower-case word")).min(2)),
});

/** data/lexicon/idioms.json: expressions ("on ice") and the plain words they stand for ("suspend"). */
export const Idioms = z.strictObject({
  about: Text,
  idioms: z.record(
    z.string().regex(/^[a-z]+(?: [a-z]+)+$/, "must be two or more lower-case words"),
    z.array(z.string().regex(/^[a-z]+$/, "must be one lower-case word")).min(1),
  ),
});

/** Flags each source id an entry of a lexicon file cites that the file's own `sources` does not list. */
function flagUnlistedSources(sources: readonly { id: string }[], key: string, entries: readonly { sources: readonly string[] }[], ctx: z.RefinementCtx): void {
  const ids = new Set(sources.map((s) => s.id));
  entries.forEach((entry, i) =>
    entry.sources.forEach((id, j) => {
      if (!ids.has(id)) ctx.addIssue({ code: "custom", path: [key, i, "sources", j], message: `no source "${id}" in sources` });
    }),
  );
}

/** data/lexicon/other-senses.json: treaty names that also name something else ("open skies" for airlines), and the words that show it. */
export const OtherSenses = z
  .strictObject({
    about: Text,
    sources: z.array(Source).min(1),
    senses: z.array(
      z.strictObject({
        name: z.string().regex(/^[a-z]+(?: [a-z]+)*$/, "must be lower-case words"),
        means: Text,
        cues: z.array(z.string().regex(/^[a-z]+$/, "must be one lower-case word")).min(1),
        sources: SourceRefs,
      }),
    ),
  })
  .superRefine((file, ctx) => flagUnlistedSources(file.sources, "senses", file.senses, ctx));

/** data/lexicon/confusables.json: real-word slips ("loose" for "lose"), each group cited to a usage guide that lists it. */
export const Confusables = z
  .strictObject({
    about: Text,
    sources: z.array(Source).min(1),
    groups: z.array(
      z.strictObject({
        words: z.array(z.string().regex(/^[a-z]+$/, "must be one lower-case word")).min(2),
        sources: SourceRefs,
      }),
    ),
  })
  .superRefine((file, ctx) => flagUnlistedSources(file.sources, "groups", file.groups, ctx));

/** data/lexicon/wordnet-synonyms.json: generated by npm run lexicon:build. */
export const WordnetSynonyms = z.strictObject({
  source: Text,
  vocabularyHash: z.string(),
  synonyms: z.record(z.string(), z.array(z.string())),
  /** Two-word expressions ("tie down"), keyed by the stems of their words. */
  phrases: z.record(z.string(), z.array(z.string())).default({}),
  /** Words that mean a quote's word when negated ("never acceptable" → "unacceptable"). */
  negated: z.record(z.string(), z.array(z.string())).default({}),
});
