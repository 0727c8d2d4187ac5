// Types for wink-lemmatizer, which ships none: each function returns a word's dictionary form.
declare module "wink-lemmatizer" {
  const lemmatizer: { noun(word: string): string; verb(word: string): string; adjective(word: string): string };
  export = lemmatizer;
}

// Types for wink-lexicon's WordNet exception list: an irregular verb form and its dictionary form ("begun" → "begin").
declare module "wink-lexicon/src/wn-verb-exceptions.js" {
  const exceptions: Record<string, string>;
  export default exceptions;
}
