import { defineConfig } from "vitest/config";

/** The catalogues' unit tests, and end-to-end tests: the built app served by the real API, driven in Debian's Chromium. */
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "e2e/**/*.e2e.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
