import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { shifts, signups } from "../db/schema";
import { testApp, type Agent, type TestApp } from "../../test/harness";
import { makeVolunteers, publishedActivity, shiftOn } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
let volunteers: Agent[];
beforeAll(async () => {
  t = await testApp(); // a database file, as in production
  volunteers = await makeVolunteers(t, 200, "80");
}, 120_000);
afterAll(() => t.cleanup());

describe("sign-up under concurrency", () => {
  it.each([1, 2, 3])(
    "200 simultaneous sign-ups for a 20-place shift: exactly 20 confirmed and 180 waitlisted in order (run %i)",
    async (run) => {
      const { shiftIds } = await publishedActivity(t, [shiftOn(`2026-12-2${run}`, "09:00", "12:00", 20)]);
      const shiftId = must(shiftIds[0]);
      const answers = await Promise.all(volunteers.map((v) => v.post(`/api/shifts/${shiftId}/signups`)));
      expect(answers.map((a) => a.status).every((s) => s === 201)).toBe(true);
      expect(answers.filter((a) => a.json.status === "confirmed")).toHaveLength(20);
      const positions = answers.filter((a) => a.json.status === "waitlisted").map((a) => a.json.position as number);
      expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));

      const rows = await t.database.db
        .select()
        .from(signups)
        .where(eq(signups.shiftId, shiftId))
        .orderBy(asc(signups.id));
      expect(rows).toHaveLength(200);
      // Seats went to the first 20 writers; the waitlist keeps arrival order.
      expect(rows.slice(0, 20).every((r) => r.status === "confirmed")).toBe(true);
      expect(rows.slice(20).every((r) => r.status === "waitlisted")).toBe(true);
      const [shift] = await t.database.db.select().from(shifts).where(eq(shifts.id, shiftId));
      expect(must(shift).taken).toBe(20);
      expect(must(shift).waitlisted).toBe(180);
    },
  );

  it("the database itself refuses a confirmed sign-up beyond capacity, whatever the code does", async () => {
    const { shiftIds } = await publishedActivity(t, [shiftOn("2026-12-29", "09:00", "12:00", 1)]);
    const db = t.database.db;
    await db.insert(signups).values({ shiftId: must(shiftIds[0]), userId: 1, status: "confirmed", createdAt: 1 });
    await expect(
      db.insert(signups).values({ shiftId: must(shiftIds[0]), userId: 2, status: "confirmed", createdAt: 1 }),
    ).rejects.toThrow();
    const [shift] = await db
      .select()
      .from(shifts)
      .where(eq(shifts.id, must(shiftIds[0])));
    expect(shift).toMatchObject({ taken: 1, waitlisted: 0 });
  });

  it("concurrent withdrawals promote exactly as many waiting volunteers as seats freed", async () => {
    const { shiftIds } = await publishedActivity(t, [shiftOn("2026-12-28", "09:00", "12:00", 20)]);
    const shiftId = must(shiftIds[0]);
    for (const v of volunteers.slice(0, 40)) await v.post(`/api/shifts/${shiftId}/signups`);
    await Promise.all(volunteers.slice(0, 10).map((v) => v.delete(`/api/shifts/${shiftId}/signups/me`)));
    const rows = await t.database.db
      .select()
      .from(signups)
      .where(eq(signups.shiftId, shiftId))
      .orderBy(asc(signups.id));
    const confirmed = rows.filter((r) => r.status === "confirmed");
    expect(confirmed).toHaveLength(20);
    expect(confirmed.map((r) => r.id)).toEqual(rows.slice(10, 30).map((r) => r.id));
    const [shift] = await t.database.db.select().from(shifts).where(eq(shifts.id, shiftId));
    expect(must(shift).taken).toBe(20);
    // The counters always match the rows: 40 signed up, 10 left, 20 seated, 10 waiting.
    expect(must(shift).waitlisted).toBe(rows.filter((r) => r.status === "waitlisted").length);
    expect(must(shift).waitlisted).toBe(10);
  });
});
