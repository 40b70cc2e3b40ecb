// Writes src/contract/facts.gen.json: what the source says each operation answers and refuses.
// Run after changing a route or what a service verb returns; a test fails while it is stale.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { extractFacts } from "../src/contract/extract";

const root = join(import.meta.dirname, "..");
const facts = extractFacts(root);
writeFileSync(join(root, "src/contract/facts.gen.json"), `${JSON.stringify(facts)}\n`);
console.log(`${Object.keys(facts).length} operations described`);
