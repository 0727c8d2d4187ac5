// Types for wink-lemmatizer, which ships none: each function returns a word's dictionary form.
declare module "wink-lemmatizer" {
  const lemmatizer: { noun(word: string): string; verb(word: string): string; adjective(word: string): string };
  export = lemmatizer;
}
