// npm run data:check: the schema, then the curation rules. Exit 1 on any problem.
import { DataError, formatProblem, loadCatalog } from "./load.ts";
import { checkCuration } from "./rules.ts";

const today = new Date().toISOString().slice(0, 10);
try {
  const catalog = loadCatalog();
  const { problems, warnings } = checkCuration(catalog, { today, requireCoverage: true });
  for (const w of warnings) console.warn(`warning: ${formatProblem(w)}`);
  if (problems.length > 0) {
    for (const p of problems) console.error(formatProblem(p));
    console.error(`data:check: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log(`data:check: ${catalog.treaties.length} treaties, ${catalog.quotes.length} quotes, version ${catalog.version}: all rules pass`);
} catch (err) {
  if (err instanceof DataError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
