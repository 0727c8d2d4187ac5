// The command-line JSON shapes of design.md section 3 (a contract): the contract's fields first, extras after.
import type { OnThisDayReply, TreatyReply, WhoSaidReply } from "../core/reply.ts";

export function treatyJson(r: TreatyReply) {
  const m = r.match;
  return {
    query: r.query,
    match: m && {
      id: m.id,
      name: m.name,
      abbreviation: m.abbreviation,
      signed: m.signed.date,
      enteredIntoForce: m.enteredIntoForce?.date ?? null,
      status: m.status.code,
      sources: m.sources.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher })),
      statusAsOf: m.status.asOf,
      statusNote: m.status.note,
      signedPlace: m.signed.place ?? null,
      summary: m.summary.map((s) => s.text),
      events: m.events.map((e) => ({ date: e.date, kind: e.kind, actor: e.actor, text: e.text })),
    },
    confidence: r.confidence,
    alternatives: r.alternatives.map((a) => ({ id: a.id, name: a.name })),
  };
}

export function whoSaidJson(r: WhoSaidReply) {
  const m = r.match;
  return {
    query: r.query,
    match: m && {
      id: m.id,
      text: m.text,
      speaker: m.speaker,
      role: m.role,
      date: m.date,
      source: { url: m.source.url, title: m.source.title, publisher: m.source.publisher },
      context: m.context,
      verdict: m.verdict,
      verdictNote: m.verdictNote ?? null,
      translatedFrom: m.translatedFrom ?? null,
      treaties: m.treaties.map((t) => t.id),
      english: m.english ? { text: m.english.text, url: m.english.source.url, publisher: m.english.source.publisher } : null,
    },
    confidence: r.confidence,
    alternatives: r.alternatives.map((a) => ({ id: a.id, speaker: a.speaker, text: a.text })),
  };
}

export function onThisDayJson(r: OnThisDayReply) {
  return {
    date: r.date,
    events: r.events.map((e) => ({ treatyId: e.treatyId, date: e.date, kind: e.kind, text: e.text, yearsAgo: e.yearsAgo, url: e.source.url })),
  };
}
