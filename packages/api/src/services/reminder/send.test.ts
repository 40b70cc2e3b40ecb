import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { notifications, schedulerLeases } from "../../db/schema";
import { testApp, type Agent, type TestApp } from "../../../test/harness";
import { makeVolunteers, publishedActivity, shiftOn } from "../../../test/volunteering";
import { jobNamed, runJob } from "../scheduler/jobs";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const H = 3_600_000;
/** A tick of the reminder job on one instance: how many went out (0 when another instance holds the lease). */
const remind = async (holder: string) => (await runJob(t.deps, jobNamed("shift_reminders"), holder)) ?? 0;
const meOf = async (agent: Agent) => (await agent.get("/api/me")).json.user.id as number;

/** The reminders a volunteer has for one shift, oldest first. */
async function remindersOf(userId: number, shiftId: number) {
  const rows = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "shift_reminder")));
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>).filter((p) => p.shiftId === shiftId);
}

describe("shift reminders", () => {
  it("go once to each confirmed volunteer, the day before and two hours before, even with runs racing and a restart in between; never to the waitlisted, the withdrawn or a cancelled activity's", async () => {
    const { activityId, shiftIds } = await publishedActivity(t, [shiftOn("2026-12-10", "09:00", "12:00", 3)], {
      title: "社区大扫除",
    });
    const shiftId = must(shiftIds[0]);
    const startsAt = Date.parse("2026-12-10T09:00:00+08:00");
    const [a, b, gone] = await makeVolunteers(t, 3, "71");
    for (const v of [must(a), must(b), must(gone)]) await v.post(`/api/shifts/${shiftId}/signups`);
    expect((await must(gone).delete(`/api/shifts/${shiftId}/signups/me`)).status).toBe(200);
    const [x] = await makeVolunteers(t, 1, "72");
    expect((await must(x).post(`/api/shifts/${shiftId}/signups`)).json.status).toBe("confirmed");
    const [late] = await makeVolunteers(t, 1, "73");
    expect((await must(late).post(`/api/shifts/${shiftId}/signups`)).json.status).toBe("waitlisted");
    const cancelled = await publishedActivity(t, [shiftOn("2026-12-10", "14:00", "16:00", 3)], { title: "取消的活动" });
    const [c] = await makeVolunteers(t, 1, "74");
    await must(c).post(`/api/shifts/${cancelled.shiftIds[0]}/signups`);
    await cancelled.leader.post(`/api/activities/${cancelled.activityId}/cancel`, { reason: "天气" });

    t.clock.ms = startsAt - 30 * H;
    await remind("instance-a");
    expect(await remindersOf(await meOf(must(a)), shiftId)).toEqual([]);

    t.clock.ms = startsAt - 23 * H;
    await Promise.all([remind("instance-a"), remind("instance-b"), remind("instance-a")]);
    for (const v of [must(a), must(b), must(x)]) {
      expect(await remindersOf(await meOf(v), shiftId)).toEqual([
        {
          shiftId,
          activityId,
          title: "社区大扫除",
          place: "幸福敬老院",
          startsAt,
          endsAt: startsAt + 3 * H,
          lead: "dayBefore",
          path: `/activities/${activityId}`,
        },
      ]);
    }
    for (const v of [must(gone), must(late)]) expect(await remindersOf(await meOf(v), shiftId)).toEqual([]);
    expect(await remindersOf(await meOf(must(c)), must(cancelled.shiftIds[0]))).toEqual([]);

    // Every instance is down through the two-hour mark; the first back (another instance, once the lease lapsed) sends it.
    t.clock.ms = startsAt - H;
    await Promise.all([remind("instance-c"), remind("instance-d")]);
    for (const v of [must(a), must(b)])
      expect((await remindersOf(await meOf(v), shiftId)).map((r) => r.lead)).toEqual(["dayBefore", "twoHours"]);
    await remind("instance-c");
    t.clock.ms = startsAt + 60_000;
    await remind("instance-e");
    expect(await remindersOf(await meOf(must(a)), shiftId)).toHaveLength(2);
  });

  it("a missed reminder is not sent once the shift has started", async () => {
    const { shiftIds } = await publishedActivity(t, [shiftOn("2026-12-11", "09:00", "11:00", 3)]);
    const [v] = await makeVolunteers(t, 1, "75");
    await must(v).post(`/api/shifts/${shiftIds[0]}/signups`);
    t.clock.ms = Date.parse("2026-12-11T09:30:00+08:00");
    await t.database.db.delete(schedulerLeases).where(eq(schedulerLeases.name, "shift_reminders"));
    await remind("instance-f");
    expect(await remindersOf(await meOf(must(v)), must(shiftIds[0]))).toEqual([]);
  });

  it("only the instance holding the lease runs until it lapses; then another takes over", async () => {
    const { shiftIds } = await publishedActivity(t, [shiftOn("2026-12-12", "09:00", "11:00", 3)]);
    const [v] = await makeVolunteers(t, 1, "76");
    await must(v).post(`/api/shifts/${shiftIds[0]}/signups`);
    t.clock.ms = Date.parse("2026-12-11T10:00:00+08:00");
    await t.database.db.delete(schedulerLeases).where(eq(schedulerLeases.name, "shift_reminders"));
    await t.database.db
      .insert(schedulerLeases)
      .values({ name: "shift_reminders", holder: "instance-dead", expiresAt: t.clock.ms + 60_000 });
    expect(await remind("instance-g")).toBe(0);
    expect(await remindersOf(await meOf(must(v)), must(shiftIds[0]))).toEqual([]);
    t.clock.ms += 60_000;
    expect(await remind("instance-g")).toBeGreaterThanOrEqual(1);
    expect((await remindersOf(await meOf(must(v)), must(shiftIds[0]))).map((r) => r.lead)).toEqual(["dayBefore"]);
  });
});
