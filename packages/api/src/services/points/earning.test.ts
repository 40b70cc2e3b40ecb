import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, and } from "drizzle-orm";
import { DEMO, testApp, type TestApp } from "../../../test/harness";
import { drainFund, grant } from "../../../test/points";
import { earnings, users } from "../../db/schema";
import { earn, payWaiting } from "./earning";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

describe("paying waiting earnings", () => {
  it("pays them in the order earned, a page at a time, until the fund no longer covers the next", async () => {
    const [volunteer] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.phone, DEMO.volunteer));
    if (!volunteer) throw new Error("no demo volunteer");
    await drainFund(t, 1);
    const pointsEach = [5, 6, 7, 8, 9];
    for (const [i, points] of pointsEach.entries())
      await t.database.db.transaction((tx) =>
        earn(
          tx,
          {
            communityId: 1,
            userId: volunteer.id,
            cause: `paging:${i}`,
            earnedOn: "2026-12-01",
            compute: () => ({ points, capped: false, parts: [] }),
          },
          t.clock.ms,
        ),
      );
    const waiting = () =>
      t.database.db
        .select({ points: earnings.points })
        .from(earnings)
        .where(and(eq(earnings.communityId, 1), eq(earnings.status, "waiting")))
        .orderBy(earnings.id);
    expect((await waiting()).map((e) => e.points)).toEqual(pointsEach);

    await grant(t, "fund:1", 5 + 6 + 7 + 1); // the first three, and not the fourth
    const paid = await t.database.db.transaction((tx) => payWaiting(tx, 1, t.clock.ms, 2));
    expect(paid).toBe(3);
    expect((await waiting()).map((e) => e.points)).toEqual([8, 9]);
  });
});
