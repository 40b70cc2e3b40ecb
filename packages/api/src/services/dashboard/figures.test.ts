import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must, trailingMonths } from "@tongxin/core";
import { testApp, type TestApp } from "../../../test/harness";
import { eq } from "drizzle-orm";
import { dashboardFigures } from "../../db/schema";
import { figuresOf, refreshFigures } from "./figures";
import { computeIndicators } from "./indicators";
import { placeNamed, type PlaceKind } from "./place";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await refreshFigures(t.deps);
});
afterAll(() => t.cleanup());

describe("kept closed months and the current month", () => {
  it.each([
    ["street", 1],
    ["community", 1],
    ["community", 2],
  ] as [PlaceKind, number][])(
    "add up to one reading of all twelve months on the demo data (%s %i)",
    async (kind, id) => {
      const place = must(await placeNamed(t.database.db, kind, id), "a demo place");
      const now = t.clock.ms;
      const whole = await computeIndicators(t.database, place, trailingMonths(now), now);
      const kept = await figuresOf(t.deps, place, now);
      expect(kept.computedAt).toBe(now);
      expect(kept.indicators).toEqual(whole);
    },
  );

  it("are read again when an indicator is missing from the kept closed months (a release added it)", async () => {
    const place = must(await placeNamed(t.database.db, "community", 3), "a demo place");
    const [row] = await t.database.db.select().from(dashboardFigures).where(eq(dashboardFigures.placeId, 3));
    const older = (row?.closed as { key: string }[]).filter((i) => i.key !== "partner_claims");
    await t.database.db.update(dashboardFigures).set({ closed: older }).where(eq(dashboardFigures.placeId, 3));
    expect(await refreshFigures(t.deps)).toBeGreaterThan(0);
    const claims = (await figuresOf(t.deps, place, t.clock.ms)).indicators.find((i) => i.key === "partner_claims");
    expect(claims?.trend).toHaveLength(12);
  });

  it("are kept by the job for every street and community before anyone reads them", async () => {
    const fresh = await testApp();
    try {
      expect(await refreshFigures(fresh.deps)).toBe(6); // 青枫街道 and its five communities
      const computedAt = fresh.clock.ms;
      fresh.clock.ms += 30_000;
      const place = must(await placeNamed(fresh.database.db, "community", 4), "a demo place");
      expect((await figuresOf(fresh.deps, place, fresh.clock.ms)).computedAt).toBe(computedAt);
    } finally {
      fresh.cleanup();
    }
  });

  it("of a grid are computed on reading and not kept (a GET never writes)", async () => {
    const grid = must(await placeNamed(t.database.db, "grid", 1), "a demo grid");
    const now = t.clock.ms;
    expect((await figuresOf(t.deps, grid, now)).indicators).toEqual(
      await computeIndicators(t.database, grid, trailingMonths(now), now),
    );
    expect(await t.database.db.select().from(dashboardFigures).where(eq(dashboardFigures.placeKind, "grid"))).toEqual(
      [],
    );
  });
});
