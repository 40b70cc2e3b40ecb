// Records the served OpenAPI document as the last released one (src/contract/released.json), the
// baseline breaking.test.ts compares against. Run when releasing a version, after moving API_VERSION.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createApp } from "../src/app";
import type { Deps } from "../src/deps";

// The document needs no database: it is read from the routes alone.
const app = createApp({ log: () => {}, config: { trustProxy: false, allowedOrigins: [] } } as unknown as Deps);
const res = await app.request("http://localhost/api/openapi.json");
const document = (await res.json()) as { info: { version: string } };
writeFileSync(join(import.meta.dirname, "../src/contract/released.json"), `${JSON.stringify(document)}\n`);
console.log(`released ${document.info.version}`);
