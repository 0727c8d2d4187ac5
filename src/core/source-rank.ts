// Which sources to show first: primary sources, then established references and agencies, then the rest.

const PRIMARY = [
  "un.org", "unoda.org", "treaties.un.org", "state.gov", "nato.int", "osce.org", "mid.ru", "kremlin.ru", "iaea.org",
  "opcw.org", "ctbto.org", "whitehouse.gov", "archives.gov", "gov.uk", "diplomatie.gouv.fr", "auswaertiges-amt.de",
  "europa.eu", "icrc.org", "mea.gov.in", "mofa.go.jp", "dfat.gov.au", "wassenaar.org", "mtcr.info", "nuclearsuppliersgroup.org",
  "dfa.ie", "government.nl", "hcoc.at", "presidency.ucsb.edu", "congress.gov", "senate.gov", "govinfo.gov", "esteri.it",
];
const ESTABLISHED = [
  "armscontrol.org", "nti.org", "sipri.org", "crsreports.congress.gov", "fas.org", "reuters.com", "apnews.com", "tass.com",
  "tass.ru", "rferl.org", "bbc.com", "bbc.co.uk", "icanw.org", "stimson.org", "brookings.edu", "cfr.org", "carnegieendowment.org",
  "nytimes.com", "washingtonpost.com", "theguardian.com", "aljazeera.com", "ria.ru", "interfax.ru", "kommersant.ru", "dw.com",
  "france24.com", "lemonde.fr", "ft.com", "politico.com", "defense.gov", "osti.gov",
];

function host(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}

const under = (h: string, domains: readonly string[]) => domains.some((d) => h === d || h.endsWith(`.${d}`));

/** A wire or reference text carried by another site still counts as its publisher's ("Reuters (via bdnews24.com)"). */
const ESTABLISHED_PUBLISHERS = /\b(Reuters|Associated Press|AFP|Agence France-Presse|TASS|RFE\/RL|Radio Free Europe|Arms Control Association|Nuclear Threat Initiative|SIPRI|Congressional Research Service|BBC)\b/;

/** 0 for primary sources (governments, treaty bodies, the UN), 1 for established references and agencies, 2 otherwise. */
export function sourceRank(url: string, publisher = ""): 0 | 1 | 2 {
  const h = host(url);
  if (under(h, PRIMARY) || /\.(gov|mil|int)$/.test(h) || /(^|\.)gov\.[a-z]{2}$/.test(h)) return 0;
  if (under(h, ESTABLISHED) || ESTABLISHED_PUBLISHERS.test(publisher)) return 1;
  return 2;
}
