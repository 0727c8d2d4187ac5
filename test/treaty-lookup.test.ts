import { describe, expect, it } from "vitest";
import { findTreaty, suggestTreaties } from "../src/core/answers.ts";
import { realLibrary } from "./support/library.ts";

const library = realLibrary();
const treaties = library.catalog.treaties;

/** Drops one letter from the middle of the longest word: a typo a person makes. */
function typo(text: string): string {
  const words = text.split(" ");
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), "");
  const i = Math.floor(longest.length / 2);
  return words.map((w) => (w === longest ? w.slice(0, i) + w.slice(i + 1) : w)).join(" ");
}

describe("treaty lookup", () => {
  it("finds every record by its name, abbreviation, id and each alias", () => {
    const misses: string[] = [];
    for (const t of treaties) {
      for (const key of [t.name, t.abbreviation, t.id, ...t.aliases]) {
        const got = findTreaty(library, key).match?.id;
        if (got !== t.id) misses.push(`${JSON.stringify(key)} → ${got ?? "nothing"} (expected ${t.id})`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("finds every record from its name with a typo", () => {
    const misses = treaties
      .map((t) => ({ t, q: typo(t.name) }))
      .filter(({ t, q }) => findTreaty(library, q).match?.id !== t.id)
      .map(({ t, q }) => `${q} → ${findTreaty(library, q).match?.id ?? "nothing"} (expected ${t.id})`);
    expect(misses).toEqual([]);
  });

  it("finds every record from its name with two letters of a short word swapped", () => {
    const misses: string[] = [];
    for (const t of treaties) {
      const words = t.name.split(" ");
      words.forEach((w, i) => {
        if (!/^[a-z]{3,6}$/i.test(w) || new Set(w.toLowerCase()).size < w.length) return;
        const j = Math.floor(w.length / 2);
        const swapped = w.slice(0, j - 1) + w[j] + w[j - 1] + w.slice(j + 1);
        const q = [...words.slice(0, i), swapped, ...words.slice(i + 1)].join(" ");
        const got = findTreaty(library, q).match?.id;
        if (got !== t.id) misses.push(`${q} → ${got ?? "nothing"} (expected ${t.id})`);
      });
    }
    expect(misses).toEqual([]);
    expect(findTreaty(library, "open skeis").match?.id).toBe("open-skies");
    expect(findTreaty(library, "nwe start").match?.id).toBe("new-start");
  });

  it("ignores case, accents, punctuation and Roman numerals", () => {
    expect(findTreaty(library, "C.F.E.").match?.id).toBe("cfe");
    expect(findTreaty(library, "  inf!!  ").match?.id).toBe("inf");
    expect(findTreaty(library, "start 1").match?.id).toBe("start-i");
    expect(findTreaty(library, "salt ii").match?.id).toBe("salt-ii");
    expect(findTreaty(library, "newstart").match?.id).toBe("new-start");
  });

  it("finds treaties by their names in other languages", () => {
    expect(findTreaty(library, "ДРСМД").match?.id).toBe("inf");
    expect(findTreaty(library, "ДОВСЕ").match?.id).toBe("cfe");
    expect(findTreaty(library, "INF-Vertrag").match?.id).toBe("inf");
  });

  it.each(["pizza", "hello", "treaty of versailles", "kyoto protocol", "paris agreement", "world cup", "treaty", "", "   ", "?!", "the"])(
    "answers the off-topic query %j with no treaty",
    (q) => {
      const reply = findTreaty(library, q);
      expect(reply.match).toBeNull();
      expect(reply.alternatives).toEqual([]);
    },
  );

  it("reads past mentions and links around a treaty's name", () => {
    const reply = findTreaty(library, "<@!123456789012345678> cfe https://example.com/cfe-faq");
    expect(reply.match?.id).toBe("cfe");
    expect(reply.confidence).toBe("exact");
  });

  it("marks a fuzzy answer as close or closest, never exact", () => {
    const reply = findTreaty(library, "conventinal armed forces europe");
    expect(reply.match?.id).toBe("cfe");
    expect(reply.confidence).not.toBe("exact");
  });
});

describe("autocomplete", () => {
  it("suggests from a partial word, best first, within Discord's limits", () => {
    const hits = suggestTreaties(library, "new st");
    expect(hits[0]?.treaty.id).toBe("new-start");
    for (const q of ["", "a", "non prolif", "x".repeat(500)]) {
      const got = suggestTreaties(library, q);
      expect(got.length).toBeLessThanOrEqual(25);
    }
  });

  it("offers a choice list on an empty field, so people can browse", () => {
    expect(suggestTreaties(library, "").length).toBe(Math.min(25, treaties.length));
  });
});

describe("citations", () => {
  it("list each fact's primary sources before the rest", async () => {
    const { sourceRank } = await import("../src/core/source-rank.ts");
    expect(sourceRank("https://www.state.gov/x")).toBe(0);
    expect(sourceRank("https://www.mfa.gov.tr/x")).toBe(0);
    expect(sourceRank("https://www.armscontrol.org/x")).toBe(1);
    expect(sourceRank("https://bdnews24.com/x", "Reuters (via bdnews24.com)")).toBe(1);
    expect(sourceRank("https://someblog.example/x", "A blog")).toBe(2);
    const card = findTreaty(library, "cfe").match!;
    const ranks = (refs: number[]) => refs.map((n) => card.sources.find((s) => s.n === n)!).map((s) => sourceRank(s.url, s.publisher));
    for (const fact of [card.status, ...card.summary, ...card.events]) {
      const r = ranks(fact.refs);
      expect(r).toEqual([...r].sort((a, b) => a - b));
    }
  });
});
