import { loadCatalog, type Catalog } from "../../src/catalog/load.ts";
import { openLibrary, type Library } from "../../src/core/answers.ts";

let cached: Library | undefined;

/** The real catalog and its indexes, loaded once per test file. */
export function realLibrary(): Library {
  cached ??= openLibrary(loadCatalog());
  return cached;
}

export function realCatalog(): Catalog {
  return realLibrary().catalog;
}
