import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must, trailingMonths } from "@tongxin/core";
import { testApp, type TestApp } from "../../../test/harness";
import { computeIndicators, figuresOf } from "./figures";
import { placeNamed, type PlaceKind } from "./place";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

describe("kept closed months and the current month", () => {
  it.each([
    ["street", 1],
    ["community", 1],
    ["community", 2],
    ["grid", 1],
  ] as [PlaceKind, number][])(
    "add up to one reading of all twelve months on the demo data (%s %i)",
    async (kind, id) => {
      const place = must(await placeNamed(t.database.db, kind, id), "a demo place");
      const now = t.clock.ms;
      const whole = await computeIndicators(t.database, place, trailingMonths(now), now);
      const kept = await figuresOf(t.database, place, now);
      expect(kept.computedAt).toBe(now);
      expect(kept.indicators).toEqual(whole);
    },
  );
});
