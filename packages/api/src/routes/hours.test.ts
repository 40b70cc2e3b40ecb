import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { leaderTeam, makeVolunteers, publishedActivity, shiftOn, userIdOf } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const during = (time: string) => Date.parse(`2026-12-05T${time}:00+08:00`);

describe("attendance and hours", () => {
  it("QR check-in and out, hand-marked attendance, bulk confirmation with a correction, then the record", async () => {
    const { leader, shiftIds } = await publishedActivity(t, [shiftOn("2026-12-05", "09:00", "12:00", 5)]);
    const shiftId = must(shiftIds[0]);
    const [scanner, noPhone, absent] = await makeVolunteers(t, 3, "71");
    for (const v of [must(scanner), must(noPhone), must(absent)])
      expect((await v.post(`/api/shifts/${shiftId}/signups`)).status).toBe(201);
    const ids = await Promise.all(
      [must(scanner), must(noPhone), must(absent)].map(async (v) => (await v.get("/api/me")).json.user.id as number),
    );

    t.clock.ms = during("08:50");
    const stranger = await t.agent().login(DEMO.resident);
    expect((await stranger.post(`/api/shifts/${shiftId}/qr`)).status).toBe(403);
    const qr = await leader.post(`/api/shifts/${shiftId}/qr`);
    expect(qr.status).toBe(200);
    const token = qr.json.codes[0].token;
    const checkIn = await must(scanner).post(`/api/shifts/${shiftId}/checkins`, { token });
    expect(checkIn.json).toMatchObject({ checkInAt: "2026-12-05T08:50:00.000+08:00", checkOutAt: null });
    expect(
      (await must(scanner).post(`/api/shifts/${shiftId}/checkins`, { token: "1.2.forged" })).json.error.reason,
    ).toBe("invalid_token");
    // The phone reloads the check-in page two seconds later: the code is used, still checked in, not out at 0 minutes.
    t.clock.ms = during("08:50") + 2000;
    const reload = await must(scanner).post(`/api/shifts/${shiftId}/checkins`, { token });
    expect(reload.json.error.reason).toBe("checkin_token_used");
    // The screen renews 30 s later and the volunteer scans again: still checked in.
    t.clock.ms = during("08:50") + 30_000;
    const renewed = (await leader.post(`/api/shifts/${shiftId}/qr`)).json.codes[0].token;
    expect((await must(scanner).post(`/api/shifts/${shiftId}/checkins`, { token: renewed })).json).toMatchObject({
      checkInAt: "2026-12-05T08:50:00.000+08:00",
      checkOutAt: null,
      alreadyIn: true,
    });

    t.clock.ms = during("11:00");
    expect((await must(scanner).post(`/api/shifts/${shiftId}/checkins`, { token })).json.error.reason).toBe(
      "invalid_token",
    ); // expired after 90 s
    const fresh = await leader.post(`/api/shifts/${shiftId}/qr`);
    expect(
      (await must(scanner).post(`/api/shifts/${shiftId}/checkins`, { token: fresh.json.codes[0].token })).json
        .checkOutAt,
    ).toBe("2026-12-05T11:00:00.000+08:00");

    expect(
      (await leader.post(`/api/shifts/${shiftId}/attendance`, { userId: ids[1], attendance: "present" })).status,
    ).toBe(200);
    expect(
      (await leader.post(`/api/shifts/${shiftId}/attendance`, { userId: ids[2], attendance: "no_show" })).status,
    ).toBe(200);
    expect(
      (await leader.post(`/api/shifts/${shiftId}/hours`, { entries: [{ userId: ids[0] }] })).json.error.reason,
    ).toBe("shift_not_over");

    t.clock.ms = during("13:00");
    const roster = await leader.get(`/api/shifts/${shiftId}/signups`);
    expect(roster.json.people.map((p: { defaultMinutes: number }) => p.defaultMinutes)).toEqual([120, 180, 0]);
    const confirmed = await leader.post(`/api/shifts/${shiftId}/hours`, {
      entries: [
        { userId: ids[0] },
        { userId: ids[1], minutes: 150 },
        { userId: ids[1], minutes: 150, reason: "中途离开半小时" },
        { userId: ids[2] },
      ],
    });
    expect(
      confirmed.json.outcomes.map((o: { ok: boolean; minutes?: number; reason?: string }) =>
        o.ok ? o.minutes : o.reason,
      ),
    ).toEqual([120, "reason_required", 150, "not_attended"]);
    const twice = await leader.post(`/api/shifts/${shiftId}/hours`, { entries: [{ userId: ids[0] }] });
    expect(twice.json.outcomes[0].reason).toBe("already_confirmed");

    const record = await must(noPhone).get(`/api/volunteers/${ids[1]}/record`);
    expect(record.json).toMatchObject({ totalMinutes: 150, starLevel: 0, years: [{ year: 2026, minutes: 150 }] });
    expect(record.json.entries[0]).toMatchObject({
      minutes: 150,
      correctionReason: "中途离开半小时",
      serviceDate: "2026-12-05",
    });

    const log = await (await t.agent().login(DEMO.communityStaff)).get("/api/audit?communityId=1&limit=10");
    const actions = log.json.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["hours.confirm", "attendance.mark"]));
  });

  it("voids hours with a reason, keeps the entry, and lets them be confirmed again", async () => {
    const { leader, shiftIds } = await publishedActivity(t, [shiftOn("2026-12-06", "14:00", "16:00", 5)]);
    const [v] = await makeVolunteers(t, 1, "72");
    await must(v).post(`/api/shifts/${shiftIds[0]}/signups`);
    const userId = (await must(v).get("/api/me")).json.user.id;
    t.clock.ms = Date.parse("2026-12-06T14:30:00+08:00");
    await leader.post(`/api/shifts/${shiftIds[0]}/attendance`, { userId, attendance: "present" });
    t.clock.ms = Date.parse("2026-12-06T17:00:00+08:00");
    const first = await leader.post(`/api/shifts/${shiftIds[0]}/hours`, { entries: [{ userId }] });
    const hoursId = first.json.outcomes[0].hoursId;
    expect((await leader.post(`/api/hours/${hoursId}/void`, { reason: "" })).status).toBe(400);
    expect((await must(v).post(`/api/hours/${hoursId}/void`, { reason: "我想撤销" })).status).toBe(403);
    expect((await leader.post(`/api/hours/${hoursId}/void`, { reason: "录错了人" })).status).toBe(200);
    expect((await leader.post(`/api/hours/${hoursId}/void`, { reason: "再来一次" })).status).toBe(409);
    const record = await must(v).get(`/api/volunteers/${userId}/record`);
    expect(record.json.totalMinutes).toBe(0);
    expect(record.json.entries[0]).toMatchObject({ voidReason: "录错了人" });
    const again = await leader.post(`/api/shifts/${shiftIds[0]}/hours`, {
      entries: [{ userId, minutes: 90, reason: "按实际时长" }, { userId }],
    });
    expect(again.json.outcomes[0]).toMatchObject({ ok: true, minutes: 90 });
    expect(again.json.outcomes[1]).toMatchObject({ ok: false, reason: "already_confirmed" });
  });

  it("caps confirmed hours at 12 per volunteer per day", async () => {
    const { leader, shiftIds } = await publishedActivity(t, [
      shiftOn("2026-12-07", "06:00", "12:00", 3),
      shiftOn("2026-12-07", "12:00", "18:00", 3),
      shiftOn("2026-12-07", "18:00", "23:00", 3),
    ]);
    const [v] = await makeVolunteers(t, 1, "73");
    const userId = (await must(v).get("/api/me")).json.user.id;
    for (const id of shiftIds) expect((await must(v).post(`/api/shifts/${id}/signups`)).status).toBe(201);
    t.clock.ms = Date.parse("2026-12-07T23:30:00+08:00");
    const outcomes = [];
    for (const id of shiftIds) {
      await leader.post(`/api/shifts/${id}/attendance`, { userId, attendance: "present" });
      outcomes.push((await leader.post(`/api/shifts/${id}/hours`, { entries: [{ userId }] })).json.outcomes[0]);
    }
    expect(outcomes.map((o) => (o.ok ? o.minutes : o.reason))).toEqual([360, 360, "daily_cap_reached"]);
  });

  it("nobody records their own attendance or hours, and minutes stay within the shift's length plus a correction no longer than the shift", async () => {
    const { leader, shiftIds } = await publishedActivity(t, [shiftOn("2026-12-08", "09:00", "09:30", 5)]);
    const shiftId = must(shiftIds[0]);
    const [other] = await makeVolunteers(t, 1, "74");
    const leaderId = await userIdOf(t, DEMO.teamLeader);
    const otherId = (await must(other).get("/api/me")).json.user.id;
    expect((await leader.post(`/api/shifts/${shiftId}/signups`)).status).toBe(201);
    expect((await must(other).post(`/api/shifts/${shiftId}/signups`)).status).toBe(201);
    const staff = await t.agent().login(DEMO.communityStaff);

    t.clock.ms = Date.parse("2026-12-08T09:00:30+08:00");
    const selfMark = await leader.post(`/api/shifts/${shiftId}/attendance`, {
      userId: leaderId,
      attendance: "present",
    });
    expect([selfMark.status, selfMark.json.error.reason]).toEqual([403, "own_hours"]);
    expect(
      (await staff.post(`/api/shifts/${shiftId}/attendance`, { userId: leaderId, attendance: "present" })).status,
    ).toBe(200);
    expect(
      (await leader.post(`/api/shifts/${shiftId}/attendance`, { userId: otherId, attendance: "present" })).status,
    ).toBe(200);

    t.clock.ms = Date.parse("2026-12-08T10:00:00+08:00");
    const own = await leader.post(`/api/shifts/${shiftId}/hours`, {
      entries: [{ userId: leaderId, minutes: 720, reason: "辛苦了" }, { userId: leaderId }],
    });
    expect(own.json.outcomes.map((o: { reason: string }) => o.reason)).toEqual(["own_hours", "own_hours"]);
    const over = await leader.post(`/api/shifts/${shiftId}/hours`, {
      entries: [
        { userId: otherId, minutes: 61, reason: "收尾" },
        { userId: otherId, minutes: 60 },
      ],
    });
    expect(over.json.outcomes.map((o: { reason: string }) => o.reason)).toEqual([
      "minutes_over_cap",
      "reason_required",
    ]);
    const within = await leader.post(`/api/shifts/${shiftId}/hours`, {
      entries: [{ userId: otherId, minutes: 60, reason: "活动后整理场地" }],
    });
    expect(within.json.outcomes[0]).toMatchObject({ ok: true, minutes: 60 });
    const byStaff = await staff.post(`/api/shifts/${shiftId}/hours`, { entries: [{ userId: leaderId }] });
    expect(byStaff.json.outcomes[0]).toMatchObject({ ok: true, minutes: 30 });

    const selfVoid = await leader.post(`/api/hours/${byStaff.json.outcomes[0].hoursId}/void`, { reason: "重新录入" });
    expect([selfVoid.status, selfVoid.json.error.reason]).toEqual([403, "own_hours"]);
    const record = await leader.get(`/api/volunteers/${leaderId}/record`);
    expect(record.json.entries.filter((e: { serviceDate: string }) => e.serviceDate === "2026-12-08")).toEqual([
      expect.objectContaining({ minutes: 30, voidReason: null }),
    ]);
  });

  it("an afternoon split into tiny shifts earns no more: a shift under 15 minutes is refused, and a short shift's correction is no longer than the shift", async () => {
    const { leader, teamId } = await leaderTeam(t);
    const tiny = await leader.post("/api/activities", {
      communityId: 1,
      teamId,
      title: "整理物资",
      description: "仓库",
      category: "other",
      place: "社区仓库",
      shifts: [shiftOn("2026-12-09", "09:00", "09:05"), shiftOn("2026-12-09", "09:05", "09:10")],
    });
    expect([tiny.status, tiny.json.error.reason]).toEqual([422, "shift_too_short"]);
    const { shiftIds } = await publishedActivity(t, [shiftOn("2026-12-09", "10:00", "10:15", 5)]);
    const roster = await leader.get(`/api/shifts/${shiftIds[0]}/signups`);
    expect(roster.json.shift.maxMinutes).toBe(30);
  });

  it("a record is private: the volunteer and staff in scope read it, other volunteers do not", async () => {
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    const own = await (await t.agent().login(DEMO.volunteer)).get(`/api/volunteers/${volunteerId}/record`);
    expect(own.json.totalMinutes).toBeGreaterThanOrEqual(100 * 60);
    expect(own.json.starLevel).toBe(1);
    expect(
      (await (await t.agent().login(DEMO.communityStaff)).get(`/api/volunteers/${volunteerId}/record`)).status,
    ).toBe(200);
    expect((await (await t.agent().login(DEMO.resident)).get(`/api/volunteers/${volunteerId}/record`)).status).toBe(
      403,
    );
    expect((await t.agent().get(`/api/volunteers/${volunteerId}/record`)).status).toBe(401);
    expect((await (await t.agent().login(DEMO.communityStaff)).get("/api/volunteers/99999/record")).status).toBe(404);
  });
});
