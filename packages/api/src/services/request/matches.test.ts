import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { like } from "drizzle-orm";
import { settings, streets } from "../../db/schema";
import { testApp, type TestApp } from "../../../test/harness";
import { makeVolunteers } from "../../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const versions = async () =>
  Object.fromEntries(
    (await t.database.db.select().from(settings).where(like(settings.key, "matching_pool_version%"))).map((s) => [
      s.key,
      s.value,
    ]),
  );

describe("the matching pool's version", () => {
  it("is kept per street: a profile saved in one street does not invalidate another street's pool", async () => {
    const [other] = await t.database.db
      .insert(streets)
      .values({ name: "东湖街道", createdAt: t.clock.ms })
      .returning({ id: streets.id });
    await t.database.db.insert(settings).values({ key: `matching_pool_version:${must(other).id}`, value: "7" });
    const before = await versions();
    const [v] = await makeVolunteers(t, 1, "61");
    const saved = await must(v).put("/api/me/volunteer", {
      homeGridId: null,
      skillIds: [],
      availability: [],
      partyStatus: "active",
      partnerUnitId: null,
      publicNameConsent: false,
    });
    expect(saved.status).toBe(200);
    const after = await versions();
    expect(after[`matching_pool_version:${must(other).id}`]).toBe("7");
    expect(Number(after["matching_pool_version:1"])).toBe(Number(before["matching_pool_version:1"] ?? 0) + 1);
    expect(after).not.toHaveProperty("matching_pool_version");
  });
});
