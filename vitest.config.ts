import { defineConfig } from "vitest/config";

/** One run over every package: core rules, the API through app.request(), and the browser tests. */
export default defineConfig({
  test: { projects: ["packages/core", "packages/api", "packages/web"] },
});
