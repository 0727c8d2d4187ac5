import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { Confusables, DomainSynonyms, Idioms, OtherSenses, QuoteFile, Treaty, WordnetSynonyms, type Quote } from "./schema.ts";

/** The repository's data/ folder, found by walking up from this module (it may run from source or from a bundle). */
export const DATA_DIR = findDataDir(dirname(fileURLToPath(import.meta.url)));

function findDataDir(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "data", "treaties"))) return join(dir, "data");
    if (dirname(dir) === dir) return join(start, "..", "..", "data");
  }
}

export interface Catalog {
  readonly treaties: readonly Treaty[];
  readonly quotes: readonly Quote[];
  readonly treatyById: ReadonlyMap<string, Treaty>;
  /** Short content hash of every data file: changes whenever the data does. */
  readonly version: string;
  /** Where each record came from, for error messages ("data/treaties/cfe.json"). */
  readonly fileOf: ReadonlyMap<object, string>;
  readonly lexicon: Lexicon;
}

/** Synonyms for the quote finder: curated domain groups and a WordNet-derived table, as raw words. */
export interface Lexicon {
  domainGroups: readonly (readonly string[])[];
  wordnet: Readonly<Record<string, readonly string[]>>;
  /** Two-word expressions, keyed "stem stem". */
  wordnetPhrases: Readonly<Record<string, readonly string[]>>;
  /** What a word means under negation. */
  wordnetNegated: Readonly<Record<string, readonly string[]>>;
  wordnetVocabularyHash: string;
  /** Groups of real words typed for one another ("loose", "lose"). */
  confusables: readonly (readonly string[])[];
  /** Expressions ("on ice") and the plain words they stand for ("suspend"). */
  idioms: Readonly<Record<string, readonly string[]>>;
  /** Treaty names that also name something else ("open skies" for airlines), with the words that show the other sense. */
  otherSenses: readonly { name: string; cues: readonly string[] }[];
}

export interface DataProblem {
  file: string;
  path: string;
  message: string;
}

/** A data file that does not parse or validate: the start stops with every problem listed. */
export class DataError extends Error {
  constructor(readonly problems: readonly DataProblem[]) {
    super(`The curated data has ${problems.length} problem(s):\n${problems.map(formatProblem).join("\n")}`);
    this.name = "DataError";
  }
}

export function formatProblem(p: DataProblem): string {
  return `${p.file}${p.path ? ` at ${p.path}` : ""}: ${p.message}`;
}

function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

/** Reads and validates every file under data/ once. Throws DataError naming each file, path and problem. */
export function loadCatalog(dataDir: string = DATA_DIR): Catalog {
  const problems: DataProblem[] = [];
  const hash = createHash("sha256");
  const fileOf = new Map<object, string>();
  const root = join(dataDir, "..");

  function parse<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
    const name = relative(root, file);
    let raw: string;
    let json: unknown;
    try {
      raw = readFileSync(file, "utf8");
      hash.update(name).update(raw);
      json = JSON.parse(raw);
    } catch (err) {
      problems.push({ file: name, path: "", message: `is not valid JSON (${(err as Error).message})` });
      return undefined;
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push({ file: name, path: issuePath(issue.path), message: issue.message });
      return undefined;
    }
    return result.data;
  }

  const treaties: Treaty[] = [];
  for (const file of jsonFiles(join(dataDir, "treaties"))) {
    const treaty = parse(file, Treaty);
    if (!treaty) continue;
    const expected = file.replace(/^.*[\\/]/, "").replace(/\.json$/, "");
    if (treaty.id !== expected) {
      problems.push({ file: relative(root, file), path: "id", message: `is "${treaty.id}" but the file is named ${expected}.json` });
      continue;
    }
    fileOf.set(treaty, relative(root, file));
    treaties.push(treaty);
  }
  const quotes: Quote[] = [];
  for (const file of jsonFiles(join(dataDir, "quotes"))) {
    for (const quote of parse(file, QuoteFile) ?? []) {
      fileOf.set(quote, relative(root, file));
      quotes.push(quote);
    }
  }
  const lexiconDir = join(dataDir, "lexicon");
  const domain = existsSync(join(lexiconDir, "domain-synonyms.json")) ? parse(join(lexiconDir, "domain-synonyms.json"), DomainSynonyms) : undefined;
  const wordnet = existsSync(join(lexiconDir, "wordnet-synonyms.json")) ? parse(join(lexiconDir, "wordnet-synonyms.json"), WordnetSynonyms) : undefined;
  const confusables = existsSync(join(lexiconDir, "confusables.json")) ? parse(join(lexiconDir, "confusables.json"), Confusables) : undefined;
  const idioms = existsSync(join(lexiconDir, "idioms.json")) ? parse(join(lexiconDir, "idioms.json"), Idioms) : undefined;
  const otherSenses = existsSync(join(lexiconDir, "other-senses.json")) ? parse(join(lexiconDir, "other-senses.json"), OtherSenses) : undefined;
  if (problems.length > 0) throw new DataError(problems);

  return {
    treaties,
    quotes,
    treatyById: new Map(treaties.map((t) => [t.id, t])),
    version: hash.digest("hex").slice(0, 12),
    fileOf,
    lexicon: {
      domainGroups: domain?.groups ?? [],
      wordnet: wordnet?.synonyms ?? {},
      wordnetPhrases: wordnet?.phrases ?? {},
      wordnetNegated: wordnet?.negated ?? {},
      wordnetVocabularyHash: wordnet?.vocabularyHash ?? "",
      confusables: confusables?.groups.map((g) => g.words) ?? [],
      idioms: idioms?.idioms ?? {},
      otherSenses: otherSenses?.senses.map(({ name, cues }) => ({ name, cues })) ?? [],
    },
  };
}
