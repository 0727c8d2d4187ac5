// Renders reply models as plain terminal text: the local console and `npm run ask` without --json.
import type { AboutReply, Fact, OnThisDayReply, Reply, TreatyReply, WhoSaidReply } from "../core/reply.ts";
import { BLANK_QUERY_HINT, isBlank, translationNote, VERDICT_LABELS } from "../core/reply.ts";

const marks = (refs: readonly number[]) => (refs.length ? ` ${refs.map((n) => `[${n}]`).join("")}` : "");
const fact = (f: Fact) => `${f.text}${marks(f.refs)}`;

export function renderText(reply: Reply): string {
  switch (reply.type) {
    case "treaty":
      return treatyText(reply);
    case "who-said":
      return whoSaidText(reply);
    case "on-this-day":
      return onThisDayText(reply);
    case "about":
      return aboutText(reply);
    case "notice":
      return `${reply.title}\n${reply.text}`;
  }
}

function treatyText(r: TreatyReply): string {
  const m = r.match;
  if (!m && isBlank(r.query)) return BLANK_QUERY_HINT.treaty;
  if (!m) return `No treaty matches "${r.query}". Try a name, an abbreviation (CFE, INF, NPT) or an alias.`;
  const lines: string[] = [];
  if (r.confidence === "closest") lines.push(`Closest match for "${r.query}":`);
  lines.push(`${m.abbreviation}: ${m.name}${r.matchedOn ? ` (matched "${r.matchedOn}")` : ""}`);
  lines.push(`Status: ${m.status.label}, as of ${m.status.asOf}${marks(m.status.refs)}. ${m.status.note}`);
  const signed = `Signed: ${m.signed.date}${m.signed.place ? `, ${m.signed.place}` : ""}${marks(m.signed.refs)}`;
  const eif = m.enteredIntoForce ? `In force from: ${m.enteredIntoForce.date}${marks(m.enteredIntoForce.refs)}` : "Never entered into force";
  lines.push(`${signed} · ${eif}`);
  lines.push(`Parties: ${fact(m.parties)}`);
  lines.push("", ...m.summary.map(fact));
  if (m.events.length) lines.push("", "Key events:", ...m.events.map((e) => `  ${e.date}  ${e.actor}: ${e.text}${marks(e.refs)}`));
  if (m.disagreements.length) lines.push("", "Where sources disagree:", ...m.disagreements.map((d) => `  ${fact(d)}`));
  lines.push("", "Sources:", ...m.sources.map((s) => `  [${s.n}] ${s.title}, ${s.publisher}${s.published ? ` (${s.published})` : ""} ${s.url}`));
  if (r.alternatives.length) lines.push("", `Also close: ${r.alternatives.map((a) => `${a.abbreviation} (${a.name})`).join("; ")}`);
  return lines.join("\n");
}


function whoSaidText(r: WhoSaidReply): string {
  const m = r.match;
  if (!m && isBlank(r.query)) return BLANK_QUERY_HINT.whoSaid;
  if (!m) return `No quote in the collection fits "${r.query}". Try a few exact words, or a speaker and a treaty ("stoltenberg inf"). For facts about a treaty, ask "treaty <name>".`;
  const lines: string[] = [];
  if (r.confidence === "closest") lines.push(`Closest match for "${r.query}" (not certain):`);
  lines.push(`"${m.text}"`);
  if (m.translatedFrom) lines.push(`(${translationNote(m.translatedFrom)})`);
  if (m.english) lines.push(`In English (${m.english.source.publisher}): "${m.english.text}" ${m.english.source.url}`);
  lines.push(`${m.speaker}, ${m.role}, ${m.date}`, m.context);
  lines.push(`${VERDICT_LABELS[m.verdict]}${m.verdictNote ? `: ${m.verdictNote}` : ""}`);
  if (m.treaties.length) lines.push(`About: ${m.treaties.map((t) => t.abbreviation).join(", ")}`);
  lines.push(`Source: ${m.source.title}, ${m.source.publisher}${m.source.published ? ` (${m.source.published})` : ""} ${m.source.url}`);
  if (r.alternatives.length) lines.push("", "Other candidates:", ...r.alternatives.map((a) => `  ${a.speaker} (${a.date}): "${a.text.length > 90 ? `${a.text.slice(0, 89)}…` : a.text}"`));
  return lines.join("\n");
}

function onThisDayText(r: OnThisDayReply): string {
  if (r.events.length === 0) return `Nothing in the catalog happened on ${r.date}.`;
  return [`On this day (${r.date}):`, ...r.events.map((e) => `  ${e.date} (${e.yearsAgo} years ago) ${e.abbreviation}: ${e.text} ${e.source.url}`)].join("\n");
}

function aboutText(r: AboutReply): string {
  return [
    `Treaty bot: ${r.treaties} treaties, ${r.quotes} quotes, ${r.sources} cited sources. Data version ${r.dataVersion}, statuses checked up to ${r.newestCheck || "n/a"}.`,
    `Most cited: ${r.publishers.slice(0, 6).map((p) => `${p.name} (${p.count})`).join(", ")}`,
    `Found a mistake? ${r.reportTo}`,
  ].join("\n");
}
