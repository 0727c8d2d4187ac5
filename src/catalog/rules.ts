import type { Catalog, DataProblem } from "./load.ts";
import { isStopword, quoteVocabulary, readsAsEnglish, vocabularyHash } from "../core/quote-terms.ts";
import { compact, normalize } from "../core/text.ts";
import { COVERAGE_IDS, type Treaty } from "./schema.ts";

/** Compares partial ISO dates at their common precision: "1991-07" is neither before nor after "1991-07-15". */
export function compareDates(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n) ? -1 : a.slice(0, n) > b.slice(0, n) ? 1 : 0;
}

const POLITICAL_KINDS = new Set(["political-commitment", "export-control-regime"]);
const POLITICAL_CODES = new Set(["active", "inactive"]);
/** A status that ends a treaty must be explained by an event of one of these kinds. */
const ENDING_EVENTS: Record<string, readonly string[]> = {
  expired: ["expiry"],
  terminated: ["termination", "withdrawal", "expiry", "other"],
  withdrawn: ["withdrawal"],
  suspended: ["suspension"],
};

export interface RuleOptions {
  /** The day the check runs: no status may be checked "as of" a later day. */
  today: string;
  /** Require a record for every id of the coverage list. */
  requireCoverage: boolean;
}

/** The curation rules beyond the schema: every reference resolves, dates are in order, status agrees with events. */
export function checkCuration(catalog: Catalog, options: RuleOptions): { problems: DataProblem[]; warnings: DataProblem[] } {
  const problems: DataProblem[] = [];
  const warnings: DataProblem[] = [];

  for (const t of catalog.treaties) {
    const file = catalog.fileOf.get(t) ?? `data/treaties/${t.id}.json`;
    const add = (path: string, message: string) => problems.push({ file, path, message });
    checkTreaty(t, catalog, add, (path, message) => warnings.push({ file, path, message }), options);
  }

  // A name or alias that two treaties share makes a lookup ambiguous: each key must point to one treaty.
  const owners = new Map<string, string>();
  for (const t of catalog.treaties) {
    const file = catalog.fileOf.get(t) ?? `data/treaties/${t.id}.json`;
    const keys = new Set([t.name, t.abbreviation, t.id, ...t.aliases].map((k) => compact(normalize(k))));
    for (const key of keys) {
      const owner = owners.get(key);
      if (owner && owner !== t.id) problems.push({ file, path: "aliases", message: `"${key}" also names ${owner}: a name or alias must point to one treaty` });
      else owners.set(key, t.id);
    }
  }

  const quoteIds = new Set<string>();
  for (const [i, q] of catalog.quotes.entries()) {
    const file = catalog.fileOf.get(q) ?? "data/quotes";
    const add = (path: string, message: string) => problems.push({ file, path: `[${i}] ${q.id}${path ? `.${path}` : ""}`, message });
    if (quoteIds.has(q.id)) add("id", "is used by another quote");
    quoteIds.add(q.id);
    q.treaties.forEach((id, j) => {
      if (!catalog.treatyById.has(id)) add(`treaties[${j}]`, `names "${id}", which has no record in data/treaties/`);
    });
    if (q.source.published && compareDates(q.date, q.source.published) > 0) {
      add("date", `${q.date} is after its source was published (${q.source.published})`);
    }
    if ((q.verdict === "disputed" || q.verdict === "misattributed") && !q.verdictNote) {
      add("verdictNote", `a ${q.verdict} quote must say who really said it, and how we know`);
    }
    if (compareDates(q.date, options.today) > 0) add("date", `${q.date} is in the future`);
    if (!readsAsEnglish(q.text) && !q.variants.some((v) => readsAsEnglish(v.text))) {
      warnings.push({ file, path: `[${i}] ${q.id}.variants`, message: "has no published English rendering: English readers get the context alone" });
    }
  }

  if (catalog.quotes.length > 0 && vocabularyHash(quoteVocabulary(catalog.quotes)) !== catalog.lexicon.wordnetVocabularyHash) {
    problems.push({ file: "data/lexicon/wordnet-synonyms.json", path: "vocabularyHash", message: "is stale: the quotes changed since it was built; run npm run lexicon:build" });
  }

  // An expression made of stopwords alone has no query word to lend its meaning to, so it would never apply.
  for (const expression of Object.keys(catalog.lexicon.idioms)) {
    if (expression.split(" ").every(isStopword)) problems.push({ file: "data/lexicon/idioms.json", path: `idioms["${expression}"]`, message: "has only stopwords: it needs a word the finder reads" });
  }

  // Another sense of a name we do not hold would never be read: each name must be words of a treaty's name or alias.
  const nameWords = new Set(catalog.treaties.flatMap((t) => [t.name, t.abbreviation, ...t.aliases]).flatMap((n) => normalize(n).split(" ")));
  catalog.lexicon.otherSenses.forEach((sense, i) => {
    if (!sense.name.split(" ").every((w) => nameWords.has(w))) problems.push({ file: "data/lexicon/other-senses.json", path: `senses[${i}].name`, message: `"${sense.name}" is no treaty's name or alias in the catalog` });
  });

  if (options.requireCoverage) {
    for (const id of COVERAGE_IDS) {
      if (!catalog.treatyById.has(id)) problems.push({ file: `data/treaties/${id}.json`, path: "", message: "is missing: every id of the coverage list needs a record" });
    }
  }
  return { problems, warnings };
}

function checkTreaty(
  t: Treaty,
  catalog: Catalog,
  add: (path: string, message: string) => void,
  warn: (path: string, message: string) => void,
  options: RuleOptions,
): void {
  const sourceIds = new Set<string>();
  const used = new Set<string>();
  t.sources.forEach((s, i) => {
    if (sourceIds.has(s.id)) add(`sources[${i}].id`, `"${s.id}" is used by another source of this record`);
    sourceIds.add(s.id);
  });
  const refs = (path: string, ids: readonly string[]) =>
    ids.forEach((id, i) => {
      used.add(id);
      if (!sourceIds.has(id)) add(`${path}.sources[${i}]`, `names source "${id}", which is not in this record's sources`);
    });

  if (t.aliasSources.length) refs("aliasSources", t.aliasSources);
  refs("signed", t.signed.sources);
  if (t.enteredIntoForce) refs("enteredIntoForce", t.enteredIntoForce.sources);
  refs("status", t.status.sources);
  refs("parties", t.parties.sources);
  if (t.depositary) refs("depositary", t.depositary.sources);
  t.summary.forEach((s, i) => refs(`summary[${i}]`, s.sources));
  t.provisions.forEach((p, i) => refs(`provisions[${i}]`, p.sources));
  t.events.forEach((e, i) => refs(`events[${i}]`, e.sources));
  t.disagreements.forEach((d, i) => refs(`disagreements[${i}]`, d.sources));
  t.sources.forEach((s, i) => {
    if (!used.has(s.id)) warn(`sources[${i}]`, `source "${s.id}" backs no fact`);
  });

  t.related.forEach((id, i) => {
    if (id === t.id) add(`related[${i}]`, "a record cannot be related to itself");
    else if (!catalog.treatyById.has(id) && !(COVERAGE_IDS as readonly string[]).includes(id)) {
      add(`related[${i}]`, `names "${id}", which is neither a record nor in the coverage list`);
    }
  });

  const political = POLITICAL_KINDS.has(t.kind);
  if (political && !POLITICAL_CODES.has(t.status.code)) add("status.code", `a ${t.kind} has no legal force: use active or inactive, not ${t.status.code}`);
  if (!political && POLITICAL_CODES.has(t.status.code)) add("status.code", `${t.status.code} is for political commitments and regimes; a treaty uses in-force, expired, ...`);
  if (political && t.enteredIntoForce) add("enteredIntoForce", `a ${t.kind} does not enter into force: use null`);
  if (t.status.code === "not-in-force" && t.enteredIntoForce) add("status.code", "is not-in-force, but the record gives an entry into force");
  if (!political && t.status.code === "in-force" && !t.enteredIntoForce) add("enteredIntoForce", "is null, but the status is in-force");

  if (t.enteredIntoForce && compareDates(t.enteredIntoForce.date, t.signed.date) < 0) {
    add("enteredIntoForce.date", `${t.enteredIntoForce.date} is before the signature (${t.signed.date})`);
  }
  if (compareDates(t.status.asOf, options.today) > 0) add("status.asOf", `${t.status.asOf} is in the future`);

  t.events.forEach((e, i) => {
    if (e.kind === "signed" || e.kind === "entry-into-force") {
      add(`events[${i}].kind`, `${e.kind} comes from the ${e.kind === "signed" ? "signed" : "enteredIntoForce"} field: do not repeat it as an event`);
    }
    if (compareDates(e.date, options.today) > 0) add(`events[${i}].date`, `${e.date} is in the future`);
    if (compareDates(e.date, t.status.asOf) > 0) add(`events[${i}].date`, `${e.date} is after status.asOf (${t.status.asOf}): re-check the status`);
    if (e.kind !== "adopted" && e.kind !== "other" && compareDates(e.date, t.signed.date) < 0) {
      add(`events[${i}].date`, `a ${e.kind} on ${e.date} cannot precede the signature (${t.signed.date})`);
    }
    const prev = t.events[i - 1];
    if (prev && compareDates(prev.date, e.date) > 0) add(`events[${i}].date`, `${e.date} comes after ${prev.date}: keep events in date order`);
  });

  const ending = ENDING_EVENTS[t.status.code];
  if (ending && !t.events.some((e) => ending.includes(e.kind))) {
    add("status.code", `is ${t.status.code}, but no event of kind ${ending.join(" or ")} says when`);
  }
}
