// The reply models: plain data that every front end (Discord embed, terminal, JSON) renders.
import type { EventKind, StatusCode } from "../catalog/schema.ts";

export interface SourceLink {
  /** Footnote number, in order of first use in the reply. */
  n: number;
  title: string;
  publisher: string;
  url: string;
  published?: string;
}

export interface Fact {
  text: string;
  refs: number[];
}

export interface DatedFact {
  date: string;
  refs: number[];
}

export interface TreatyEventLine {
  date: string;
  kind: EventKind;
  actor: string;
  text: string;
  refs: number[];
}

export interface TreatyCard {
  id: string;
  name: string;
  abbreviation: string;
  kind: string;
  category: string;
  signed: DatedFact & { place?: string };
  enteredIntoForce: DatedFact | null;
  status: { code: StatusCode; label: string; asOf: string; note: string; refs: number[] };
  parties: Fact & { count?: number; asOf?: string };
  depositary?: Fact;
  summary: Fact[];
  provisions: Fact[];
  events: TreatyEventLine[];
  disagreements: Fact[];
  related: { id: string; name: string; abbreviation: string }[];
  sources: SourceLink[];
}

/** How sure an answer is: "closest" replies say so instead of asserting. */
export type Confidence = "exact" | "close" | "closest";

export interface TreatyReply {
  type: "treaty";
  query: string;
  match: TreatyCard | null;
  confidence: Confidence | null;
  /** The name or alias the query matched, when it is not the treaty's own name. */
  matchedOn?: string;
  alternatives: { id: string; name: string; abbreviation: string }[];
}

export interface QuoteCard {
  id: string;
  text: string;
  speaker: string;
  role: string;
  date: string;
  context: string;
  verdict: Verdict;
  verdictNote?: string;
  treaties: { id: string; name: string; abbreviation: string }[];
  source: { title: string; publisher: string; url: string; published?: string };
  variants: { text: string; source: { title: string; publisher: string; url: string }; note?: string }[];
  /** For a quote stored as a published English rendering of words said in another language: that language ("Russian"). */
  translatedFrom?: string;
  /** For a quote stored in another script (Russian, Ukrainian): a published English rendering, if we have one. */
  english?: { text: string; source: { title: string; publisher: string; url: string } };
}

export interface WhoSaidReply {
  type: "who-said";
  query: string;
  match: QuoteCard | null;
  confidence: Confidence | null;
  alternatives: { id: string; speaker: string; text: string; date: string }[];
}

export interface AnniversaryLine {
  treatyId: string;
  treatyName: string;
  abbreviation: string;
  date: string;
  kind: EventKind;
  text: string;
  yearsAgo: number;
  source: { title: string; url: string };
}

export interface OnThisDayReply {
  type: "on-this-day";
  /** MM-DD */
  date: string;
  events: AnniversaryLine[];
}

export interface AboutReply {
  type: "about";
  dataVersion: string;
  treaties: number;
  quotes: number;
  sources: number;
  newestCheck: string;
  publishers: { name: string; count: number }[];
  /** Where to report a wrong fact: a URL or a sentence, from configuration. */
  reportTo: string;
}

/** A problem to tell the user about (not a bug): "no such treaty", "missing permission". */
export interface NoticeReply {
  type: "notice";
  tone: "info" | "warning" | "error";
  title: string;
  text: string;
}

export type Reply = TreatyReply | WhoSaidReply | OnThisDayReply | AboutReply | NoticeReply;

/** What to say when a command came with nothing to look up (shared by every front end). */
export const BLANK_QUERY_HINT = {
  treaty: "Type a treaty's name, abbreviation or alias after /treaty, for example /treaty cfe.",
  whoSaid: "Type a few words of the quote after /who said, for example /who said trust but verify.",
} as const;

export type Verdict = "verified" | "reported" | "disputed" | "misattributed";

/** What a reply says of a quote stored as a published English rendering ("Russian"): it is not the wording said. */
export function translationNote(language: string): string {
  return `A published English rendering: the words were said in ${language}, and we have not found a published text in ${language}.`;
}

/** How each front end names a quote's verdict. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  verified: "Verified in a primary source",
  reported: "As reported by a news agency",
  disputed: "Disputed",
  misattributed: "Misattributed",
};

export function isBlank(query: string): boolean {
  return query.trim() === "";
}
