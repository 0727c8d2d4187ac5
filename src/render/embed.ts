// Renders reply models as Discord message payloads (embeds), within every limit Discord sets.
import { escapeMarkdown } from "@discordjs/formatters";
import type { APIEmbed, APIEmbedField } from "discord-api-types/v10";
import type { AboutReply, Fact, NoticeReply, OnThisDayReply, Reply, SourceLink, TreatyCard, TreatyReply, WhoSaidReply } from "../core/reply.ts";
import { BLANK_QUERY_HINT, isBlank, translationNote, VERDICT_LABELS, type Verdict } from "../core/reply.ts";
import { keyEvents } from "../core/answers.ts";
import { truncate } from "../core/text.ts";

/** Discord's limits (design.md section 4). */
export const LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000, content: 2000 } as const;

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  allowedMentions: { parse: [] };
  ephemeral?: boolean;
}

const COLORS = { ok: 0x2e7d32, warn: 0xf9a825, ended: 0x757575, info: 0x1565c0, error: 0xc62828 } as const;
const STATUS_COLORS: Record<string, number> = {
  "in-force": COLORS.ok, active: COLORS.ok, suspended: COLORS.warn, "not-in-force": COLORS.warn,
  expired: COLORS.ended, terminated: COLORS.ended, withdrawn: COLORS.ended, inactive: COLORS.ended,
};

/**
 * Makes user text safe to echo: no markdown, no control or direction-changing characters,
 * no live mentions (allowedMentions already stops pings; this also keeps them from looking like one).
 */
export function escapeUserText(text: string, max = 100): string {
  const cleaned = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, " ")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/(\p{M}{3})\p{M}+/gu, "$1")
    .replace(/\s+/g, " ")
    .trim();
  const escaped = escapeMarkdown(truncate(cleaned, max), { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return escaped.replace(/@/g, "@\u200b").replace(/<(?=[@#&!:a\/])/g, "<\u200b");
}

/** Footnote links, "[1][2]", each opening its source; at most two per fact, the best first (the terminal lists all). */
const cite = (refs: readonly number[], sources: readonly SourceLink[], max = 2) =>
  refs
    .slice(0, max)
    .map((n) => sources.find((s) => s.n === n))
    .filter((s): s is SourceLink => s !== undefined)
    .map((s) => `[[${s.n}]](${s.url})`)
    .join("");

const factLine = (f: Fact, sources: readonly SourceLink[]) => `${f.text} ${cite(f.refs, sources)}`.trim();

/** Joins lines into at most `max` characters, cutting whole lines and saying how many were left out. */
function fitLines(lines: readonly string[], max: number): string {
  const out: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const left = lines.length - i - 1;
    const tail = left > 0 ? `\n…and ${left} more` : "";
    const piece = (out.length ? 1 : 0) + line.length;
    if (used + piece + tail.length > max) {
      if (out.length === 0) return truncate(line, max);
      const more = `…and ${lines.length - i} more`;
      return used + 1 + more.length <= max ? `${out.join("\n")}\n${more}` : out.join("\n");
    }
    out.push(line);
    used += piece;
  }
  return out.join("\n");
}

/** The characters Discord counts toward an embed's 6,000. */
export function embedSize(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/** Enforces every embed limit: each part, then the 6,000-character total (trimming fields from the end). */
function fitEmbed(embed: APIEmbed): APIEmbed {
  const e: APIEmbed = { ...embed };
  if (e.title) e.title = truncate(e.title, LIMITS.title);
  if (e.description) e.description = truncate(e.description, LIMITS.description);
  if (e.footer) e.footer = { ...e.footer, text: truncate(e.footer.text, LIMITS.footer) };
  e.fields = (e.fields ?? [])
    .slice(0, LIMITS.fields)
    .map((f) => ({ ...f, name: truncate(f.name, LIMITS.fieldName) || "\u200b", value: truncate(f.value, LIMITS.fieldValue) || "\u200b" }));
  const size = () => embedSize(e);
  while (size() > LIMITS.total && e.fields.length > 0) e.fields.pop();
  if (size() > LIMITS.total && e.description) e.description = truncate(e.description, Math.max(1, e.description.length - (size() - LIMITS.total)));
  return e;
}

function payload(embed: APIEmbed, ephemeral = false): MessagePayload {
  return { embeds: [fitEmbed(embed)], allowedMentions: { parse: [] }, ...(ephemeral ? { ephemeral } : {}) };
}

export function renderMessage(reply: Reply, footer?: string): MessagePayload {
  switch (reply.type) {
    case "treaty":
      return treatyMessage(reply, footer);
    case "who-said":
      return whoSaidMessage(reply, footer);
    case "on-this-day":
      return onThisDayMessage(reply, footer);
    case "about":
      return aboutMessage(reply);
    case "notice":
      return noticeMessage(reply);
  }
}

export function noticeMessage(n: NoticeReply): MessagePayload {
  const color = n.tone === "error" ? COLORS.error : n.tone === "warning" ? COLORS.warn : COLORS.info;
  return payload({ title: n.title, description: n.text, color }, true);
}

function treatyMessage(r: TreatyReply, footer?: string): MessagePayload {
  const m = r.match;
  if (!m) {
    return noticeMessage({
      type: "notice",
      tone: "info",
      title: "No treaty found",
      text: isBlank(r.query) ? BLANK_QUERY_HINT.treaty : `Nothing in the catalog matches “${escapeUserText(r.query)}”. Try a name, an abbreviation (CFE, INF, NPT) or an alias, and pick from the suggestions as you type.`,
    });
  }
  const s = m.sources;
  const lead = r.confidence === "closest" ? `*Closest match for “${escapeUserText(r.query)}”.*\n\n` : "";
  const fields: APIEmbedField[] = [
    { name: "Status", value: `**${m.status.label}** (as of ${m.status.asOf}) ${cite(m.status.refs, s)}\n${m.status.note}` },
    { name: "Signed", value: `${m.signed.date}${m.signed.place ? `, ${m.signed.place}` : ""} ${cite(m.signed.refs, s)}`, inline: true },
    { name: "In force", value: m.enteredIntoForce ? `${m.enteredIntoForce.date} ${cite(m.enteredIntoForce.refs, s)}` : "Never", inline: true },
    { name: "Parties", value: factLine(m.parties, s) },
  ];
  fields.push({ name: "Sources", value: fitLines(s.map((x) => `${x.n}. [${truncate(x.title, 90)}](${x.url}), ${x.publisher}`), LIMITS.fieldValue) });
  if (r.alternatives.length) fields.push({ name: "Did you mean", value: r.alternatives.map((a) => `${a.abbreviation} (${a.name})`).join("\n") });
  const title = truncate(`${m.abbreviation}: ${m.name}`, LIMITS.title);
  const fieldsSize = fields.reduce((n, f) => n + Math.min(f.name.length, LIMITS.fieldName) + Math.min(f.value.length, LIMITS.fieldValue), 0);
  const room = Math.min(LIMITS.description, LIMITS.total - title.length - (footer?.length ?? 0) - fieldsSize - 16);
  return payload({
    title,
    url: s[0]?.url,
    description: treatyDescription(lead, m, room),
    color: STATUS_COLORS[m.status.code] ?? COLORS.info,
    fields,
    ...(footer ? { footer: { text: footer } } : {}),
  });
}

/** The summary, then the key events: the description has room (4,096) where a field (1,024) does not. */
function treatyDescription(lead: string, m: TreatyCard, max: number): string {
  const summary = truncate(`${lead}${m.summary.map((f) => factLine(f, m.sources)).join(" ")}`, max);
  if (m.events.length === 0) return summary;
  const shown = keyEvents(m.events, 8);
  const heading = `\n\n**Key events**${shown.length < m.events.length ? ` (${shown.length} of ${m.events.length})` : ""}\n`;
  const room = max - summary.length - heading.length;
  const lines = shown.map((e) => `\`${e.date}\` ${e.actor}: ${e.text} ${cite(e.refs, m.sources, 1)}`);
  return room > 200 ? `${summary}${heading}${fitLines(lines, room)}` : summary;
}

const VERDICT_ICONS: Record<Verdict, string> = { verified: "✅", reported: "📰", disputed: "⚠️", misattributed: "❌" };

function whoSaidMessage(r: WhoSaidReply, footer?: string): MessagePayload {
  const m = r.match;
  if (!m) {
    return noticeMessage({
      type: "notice",
      tone: "info",
      title: "No quote found",
      text: isBlank(r.query) ? BLANK_QUERY_HINT.whoSaid : `No quote in the collection fits “${escapeUserText(r.query)}”. Try a few words you are sure of, or a speaker and a treaty (“stoltenberg inf”). For facts about a treaty, use \`/treaty\`.`,
    });
  }
  const lead = r.confidence === "closest" ? `*Closest match for “${escapeUserText(r.query)}”; it may not be the one you mean.*\n\n` : "";
  const fields: APIEmbedField[] = [
    ...(m.english ? [{ name: "In English", value: `“${truncate(m.english.text, 800)}” ([${truncate(m.english.source.publisher, 120)}](${m.english.source.url}))` }] : []),
    { name: "Who", value: `${m.speaker}, ${m.role}`, inline: true },
    { name: "When", value: m.date, inline: true },
    { name: "Verdict", value: `${VERDICT_ICONS[m.verdict]} ${VERDICT_LABELS[m.verdict]}${m.verdictNote ? `\n${m.verdictNote}` : ""}` },
    { name: "Context", value: m.context },
    { name: "Source", value: `[${truncate(m.source.title, 200)}](${m.source.url}), ${m.source.publisher}${m.source.published ? ` (${m.source.published})` : ""}` },
  ];
  if (m.treaties.length) fields.push({ name: "About", value: m.treaties.map((t) => `${t.abbreviation} (${t.name})`).join("\n"), inline: true });
  if (r.alternatives.length) {
    fields.push({ name: "Other candidates", value: fitLines(r.alternatives.map((a) => `${a.speaker} (${a.date}): “${truncate(a.text, 120)}”`), LIMITS.fieldValue) });
  }
  return payload({
    title: `Who said it: ${m.speaker}`,
    url: m.source.url,
    description: `${lead}> ${truncate(m.text, 3000).replace(/\n/g, "\n> ")}${m.translatedFrom ? `\n*${translationNote(m.translatedFrom)}*` : ""}`,
    color: m.verdict === "verified" ? COLORS.ok : m.verdict === "reported" ? COLORS.info : COLORS.warn,
    fields,
    ...(footer ? { footer: { text: footer } } : {}),
  });
}

export function onThisDayMessage(r: OnThisDayReply, footer?: string): MessagePayload {
  const lines = r.events.map((e) => `**${e.date.slice(0, 4)}** (${e.yearsAgo} years ago), ${e.abbreviation}: ${e.text} [[source]](${e.source.url})`);
  return payload({
    title: `On this day in arms control: ${r.date}`,
    description: lines.length ? fitLines(lines, LIMITS.description) : "Nothing in the catalog happened on this day.",
    color: COLORS.info,
    ...(footer ? { footer: { text: footer } } : {}),
  });
}

function aboutMessage(r: AboutReply): MessagePayload {
  return payload({
    title: "About the treaty bot",
    description: `Short, sourced answers about arms-control treaties. Every fact links to where it comes from: treaty texts, depositaries, governments, the UN, and references such as the Arms Control Association.`,
    color: COLORS.info,
    fields: [
      { name: "Catalog", value: `${r.treaties} treaties · ${r.quotes} quotes · ${r.sources} cited sources`, inline: true },
      { name: "Data version", value: `\`${r.dataVersion}\`, statuses checked up to ${r.newestCheck || "n/a"}`, inline: true },
      { name: "Most cited publishers", value: fitLines(r.publishers.slice(0, 10).map((p) => `${p.name} (${p.count})`), LIMITS.fieldValue) || "none" },
      { name: "Found a mistake?", value: r.reportTo },
      { name: "Commands", value: "`/treaty name:` a treaty · `/who said quote:` who said it · `/anniversaries` daily posts (Manage Server) · `/about`" },
    ],
  });
}
