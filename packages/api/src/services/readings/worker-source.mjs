// The readings worker run from source (tests, `pnpm dev`): Node's worker threads do not take the parent's
// loaders, so this one registers tsx before importing the TypeScript module.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
