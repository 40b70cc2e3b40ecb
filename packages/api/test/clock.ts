/** Every test app starts at this moment; the demo data is seeded as of it. */
export const TEST_START_MS = Date.parse("2026-11-27T10:00:00+08:00");
