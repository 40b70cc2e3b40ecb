import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { notifications, signups } from "../db/schema";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { NEXT_SATURDAY, leaderTeam, makeVolunteers, publishedActivity, shiftOn } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
let skillIds: Record<string, number>;
beforeAll(async () => {
  t = await testApp();
  const skills = (await t.agent().get("/api/skills")).json.items as { id: number; name: string }[];
  skillIds = Object.fromEntries(skills.map((s) => [s.name, s.id]));
});
afterAll(() => t.cleanup());

describe("creating and publishing activities", () => {
  it("a team leader creates a draft with weekly repeated shifts and publishes it", async () => {
    const { leader, teamId } = await leaderTeam(t);
    const res = await leader.post("/api/activities", {
      communityId: 1,
      teamId,
      title: "周六助老",
      description: "",
      category: "elderly",
      place: "社区党群服务中心",
      shifts: [shiftOn(NEXT_SATURDAY, "09:00", "11:00", 10, { requiredSkillIds: [must(skillIds["助老陪护"])] })],
      repeatWeeks: 4,
    });
    expect(res.status).toBe(201);
    expect(res.json.status).toBe("draft");
    expect(res.json.shifts.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      "2026-12-05T09:00:00.000+08:00",
      "2026-12-12T09:00:00.000+08:00",
      "2026-12-19T09:00:00.000+08:00",
      "2026-12-26T09:00:00.000+08:00",
    ]);
    const hidden = await t.agent().get(`/api/activities/${res.json.id}`);
    expect(hidden.status).toBe(404);
    expect((await leader.post(`/api/activities/${res.json.id}/publish`)).json.status).toBe("published");
    expect((await leader.post(`/api/activities/${res.json.id}/publish`)).status).toBe(409);
    const page = await t.agent().get(`/api/activities/${res.json.id}`);
    expect(page.json.shifts[0]).toMatchObject({ capacity: 10, placesLeft: 10, requiredSkills: [{ name: "助老陪护" }] });
  });

  it.each([
    { who: "anonymous", phone: null, status: 401 },
    { who: "a volunteer", phone: DEMO.volunteer, status: 403 },
    { who: "a grid worker", phone: DEMO.gridWorker, status: 403 },
  ])("$who may not create an activity ($status)", async ({ phone, status }) => {
    const agent = phone ? await t.agent().login(phone) : t.agent();
    const res = await agent.post("/api/activities", {
      communityId: 1,
      title: "x",
      description: "",
      category: "other",
      place: "x",
      shifts: [shiftOn(NEXT_SATURDAY)],
    });
    expect(res.status).toBe(status);
  });

  it("a team leader cannot organise for another team, nor publish another team's activity", async () => {
    const { leader } = await leaderTeam(t);
    const otherTeam = (await t.agent().get("/api/communities/1/teams")).json.items[0].id;
    const res = await leader.post("/api/activities", {
      communityId: 1,
      teamId: otherTeam,
      title: "x",
      description: "",
      category: "other",
      place: "x",
      shifts: [shiftOn(NEXT_SATURDAY)],
    });
    expect(res.status).toBe(403);
    const staff = await t.agent().login(DEMO.communityStaff);
    const staffOwn = await staff.post("/api/activities", {
      communityId: 1,
      title: "社区大扫除",
      description: "",
      category: "environment",
      place: "小区",
      shifts: [shiftOn(NEXT_SATURDAY)],
    });
    expect(staffOwn.status).toBe(201);
    expect((await leader.post(`/api/activities/${staffOwn.json.id}/publish`)).status).toBe(403);
    expect((await leader.post("/api/activities/99999/publish")).status).toBe(404);
  });

  it.each([
    { case: "a shift in the past", shifts: [shiftOn("2026-11-01")], status: 422, reason: "shift_in_past" },
    {
      case: "a shift ending before it starts",
      shifts: [shiftOn(NEXT_SATURDAY, "12:00", "09:00")],
      status: 422,
      reason: "shift_ends_before_start",
    },
    {
      case: "a deadline after the start",
      shifts: [shiftOn(NEXT_SATURDAY, "09:00", "12:00", 5, { signupDeadline: `${NEXT_SATURDAY}T10:00:00+08:00` })],
      status: 422,
      reason: "deadline_after_start",
    },
  ])("refuses $case with $status", async ({ shifts, status, reason }) => {
    const { leader, teamId } = await leaderTeam(t);
    const res = await leader.post("/api/activities", {
      communityId: 1,
      teamId,
      title: "x",
      description: "",
      category: "other",
      place: "x",
      shifts,
    });
    expect(res.status).toBe(status);
    expect(res.json.error.reason).toBe(reason);
  });

  it.each([
    { case: "no shifts", body: { shifts: [] }, path: "shifts" },
    {
      case: "a zero capacity",
      body: { shifts: [shiftOn(NEXT_SATURDAY, "09:00", "12:00", 0)] },
      path: "shifts.0.capacity",
    },
    {
      case: "a time without an offset",
      body: { shifts: [{ startsAt: "2026-12-05 09:00", endsAt: "2026-12-05 12:00", capacity: 3 }] },
      path: "shifts.0.startsAt",
    },
    { case: "an unknown category", body: { category: "party" }, path: "category" },
  ])("answers 400 naming the field for $case", async ({ body, path }) => {
    const { leader, teamId } = await leaderTeam(t);
    const res = await leader.post("/api/activities", {
      communityId: 1,
      teamId,
      title: "x",
      description: "",
      category: "other",
      place: "x",
      shifts: [shiftOn(NEXT_SATURDAY)],
      ...body,
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});

describe("sign-up", () => {
  it("confirms, refuses a duplicate, and waitlists once the shift is full", async () => {
    const { shiftIds } = await publishedActivity(t, [shiftOn("2026-12-06", "09:00", "11:00", 1)]);
    const volunteer = await t.agent().login(DEMO.volunteer);
    const first = await volunteer.post(`/api/shifts/${shiftIds[0]}/signups`);
    expect(first.status).toBe(201);
    expect(first.json.status).toBe("confirmed");
    expect((await volunteer.post(`/api/shifts/${shiftIds[0]}/signups`)).status).toBe(409);
    const [second, third] = await makeVolunteers(t, 2, "51");
    expect((await must(second).post(`/api/shifts/${shiftIds[0]}/signups`)).json).toMatchObject({
      status: "waitlisted",
      position: 1,
    });
    expect((await must(third).post(`/api/shifts/${shiftIds[0]}/signups`)).json).toMatchObject({
      status: "waitlisted",
      position: 2,
    });
  });

  it("a full shift without a waitlist answers 409", async () => {
    const { shiftIds } = await publishedActivity(t, [
      shiftOn("2026-12-07", "09:00", "11:00", 1, { waitlistEnabled: false }),
    ]);
    const [a, b] = await makeVolunteers(t, 2, "52");
    expect((await must(a).post(`/api/shifts/${shiftIds[0]}/signups`)).status).toBe(201);
    const full = await must(b).post(`/api/shifts/${shiftIds[0]}/signups`);
    expect(full.status).toBe(409);
    expect(full.json.error.reason).toBe("shift_full");
  });

  it.each([
    { case: "a resident without a volunteer profile", phone: DEMO.resident, status: 422, reason: "not_volunteer" },
    { case: "a volunteer without the required skill", phone: null, status: 422, reason: "missing_skills" },
  ])("refuses $case", async ({ phone, status, reason }) => {
    const { shiftIds } = await publishedActivity(t, [
      shiftOn("2026-12-08", "14:00", "16:00", 5, { requiredSkillIds: [must(skillIds["医疗义诊"])] }),
    ]);
    const agent = phone ? await t.agent().login(phone) : must((await makeVolunteers(t, 1, "53"))[0]);
    const res = await agent.post(`/api/shifts/${shiftIds[0]}/signups`);
    expect(res.status).toBe(status);
    expect(res.json.error.reason).toBe(reason);
  });

  it("refuses an overlapping shift and sign-up after the deadline", async () => {
    const { shiftIds } = await publishedActivity(t, [
      shiftOn("2026-12-09", "09:00", "12:00", 5),
      shiftOn("2026-12-09", "11:00", "13:00", 5),
    ]);
    const [v] = await makeVolunteers(t, 1, "54");
    expect((await must(v).post(`/api/shifts/${shiftIds[0]}/signups`)).status).toBe(201);
    const clash = await must(v).post(`/api/shifts/${shiftIds[1]}/signups`);
    expect(clash.status).toBe(409);
    expect(clash.json.error.reason).toBe("overlapping_shift");
    const saved = t.clock.ms;
    t.clock.ms = Date.parse("2026-12-09T11:30:00+08:00");
    const late = await must((await makeVolunteers(t, 1, "55"))[0]).post(`/api/shifts/${shiftIds[1]}/signups`);
    t.clock.ms = saved;
    expect(late.status).toBe(422);
    expect(late.json.error.reason).toBe("signup_closed");
  });

  it("a team-only activity is hidden from and refuses non-members", async () => {
    const { activityId, shiftIds } = await publishedActivity(t, [shiftOn("2026-12-10")], { visibility: "team" });
    const [outsider] = await makeVolunteers(t, 1, "56");
    expect((await must(outsider).get(`/api/activities/${activityId}`)).status).toBe(404);
    expect((await must(outsider).post(`/api/shifts/${shiftIds[0]}/signups`)).status).toBe(403);
    const member = await t.agent().login(DEMO.volunteer); // a member of the leader's team in the demo data
    expect((await member.post(`/api/shifts/${shiftIds[0]}/signups`)).status).toBe(201);
  });

  it("a repeated request with the same Idempotency-Key changes nothing twice", async () => {
    const { shiftIds } = await publishedActivity(t, [shiftOn("2026-12-11")]);
    const [v] = await makeVolunteers(t, 1, "57");
    const headers = { "idempotency-key": "retry-key-0001" };
    const first = await must(v).post(`/api/shifts/${shiftIds[0]}/signups`, {}, headers);
    const again = await must(v).post(`/api/shifts/${shiftIds[0]}/signups`, {}, headers);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    const rows = await t.database.db
      .select()
      .from(signups)
      .where(eq(signups.shiftId, must(shiftIds[0])));
    expect(rows).toHaveLength(1);
    const other = await publishedActivity(t, [shiftOn("2026-12-15")]);
    const reused = await must(v).post(`/api/shifts/${other.shiftIds[0]}/signups`, {}, headers);
    expect(reused.status).toBe(422);
    expect(reused.json.error.reason).toBe("idempotency_key_reused");
    expect(
      (await must(v).post(`/api/shifts/${other.shiftIds[0]}/signups`, {}, { "idempotency-key": "short" })).status,
    ).toBe(400);
  });

  it("answers 404 for an unknown shift and 401 without a session", async () => {
    expect((await (await t.agent().login(DEMO.volunteer)).post("/api/shifts/99999/signups")).status).toBe(404);
    expect((await t.agent().post("/api/shifts/1/signups")).status).toBe(401);
  });
});

describe("withdrawing and waitlist promotion", () => {
  it("a freed seat goes to the first waiting volunteer, who is told", async () => {
    const { shiftIds } = await publishedActivity(t, [shiftOn("2026-12-12", "14:00", "16:00", 1)]);
    const [a, b, c] = await makeVolunteers(t, 3, "58");
    await must(a).post(`/api/shifts/${shiftIds[0]}/signups`);
    await must(b).post(`/api/shifts/${shiftIds[0]}/signups`);
    await must(c).post(`/api/shifts/${shiftIds[0]}/signups`);
    const out = await must(a).delete(`/api/shifts/${shiftIds[0]}/signups/me`);
    expect(out.json).toEqual({ cancelled: true, promoted: true });
    const bShifts = await must(b).get("/api/me/shifts");
    expect(bShifts.json.upcoming[0]).toMatchObject({ shiftId: shiftIds[0], status: "confirmed" });
    const cShifts = await must(c).get("/api/me/shifts");
    expect(cShifts.json.upcoming[0]).toMatchObject({ status: "waitlisted", position: 1 });
    const told = await must(b).get("/api/me/notifications");
    expect(told.json.items[0]).toMatchObject({
      kind: "waitlist_promoted",
      read: false,
      payload: {
        shiftId: shiftIds[0],
        title: "敬老院慰问",
        startsAt: Date.parse("2026-12-12T14:00:00+08:00"),
        endsAt: Date.parse("2026-12-12T16:00:00+08:00"),
        path: expect.stringMatching(/^\/activities\/\d+$/),
      },
    });
    expect((await must(a).delete(`/api/shifts/${shiftIds[0]}/signups/me`)).status).toBe(404);
  });

  it("after the cancellation deadline a confirmed place cannot be given up online", async () => {
    const { shiftIds } = await publishedActivity(t, [shiftOn("2026-12-13", "09:00", "11:00", 2)]);
    const [v] = await makeVolunteers(t, 1, "59");
    await must(v).post(`/api/shifts/${shiftIds[0]}/signups`);
    const saved = t.clock.ms;
    t.clock.ms = Date.parse("2026-12-13T08:00:00+08:00");
    const res = await must(v).delete(`/api/shifts/${shiftIds[0]}/signups/me`);
    t.clock.ms = saved;
    expect(res.status).toBe(422);
    expect(res.json.error.reason).toBe("cancel_closed");
  });

  it("cancelling an activity releases every place and notifies the volunteers", async () => {
    const { leader, activityId, shiftIds } = await publishedActivity(t, [shiftOn("2026-12-14")]);
    const [v] = await makeVolunteers(t, 1, "61");
    await must(v).post(`/api/shifts/${shiftIds[0]}/signups`);
    expect((await leader.post(`/api/activities/${activityId}/cancel`, { reason: "暴雨预警" })).json.status).toBe(
      "cancelled",
    );
    expect((await must(v).get("/api/me/shifts")).json.upcoming).toEqual([]);
    const [note] = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "activity_cancelled")));
    expect(JSON.parse(must(note).payload)).toMatchObject({
      activityId,
      title: "敬老院慰问",
      reason: "暴雨预警",
      startsAt: Date.parse("2026-12-14T09:00:00+08:00"),
      path: `/activities/${activityId}`,
    });
    expect((await must(v).post(`/api/shifts/${shiftIds[0]}/signups`)).json.error.reason).toBe("activity_not_open");
  });
});

describe("listing activities", () => {
  it("lists upcoming published activities soonest first, with places left, filters and a stable cursor", async () => {
    const all = await t.agent().get("/api/activities?communityId=1&limit=100");
    expect(all.status).toBe(200);
    const starts = all.json.items.map((a: { nextStart: string }) => Date.parse(a.nextStart));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(all.json.items.every((a: { placesLeft: number }) => typeof a.placesLeft === "number")).toBe(true);
    expect(all.json.items.some((a: { visibility: string }) => a.visibility === "team")).toBe(false);

    const first = await t.agent().get("/api/activities?communityId=1&limit=2");
    const second = await t.agent().get(`/api/activities?communityId=1&limit=2&cursor=${first.json.nextCursor}`);
    expect([...first.json.items, ...second.json.items].map((a: { id: number }) => a.id)).toEqual(
      all.json.items.slice(0, 4).map((a: { id: number }) => a.id),
    );

    const elderly = await t.agent().get("/api/activities?communityId=1&category=elderly&limit=100");
    expect(elderly.json.items.every((a: { category: string }) => a.category === "elderly")).toBe(true);
    const to = await t
      .agent()
      .get(`/api/activities?communityId=1&to=${encodeURIComponent("2026-12-01T00:00:00+08:00")}&limit=100`);
    expect(
      to.json.items.every(
        (a: { nextStart: string }) => Date.parse(a.nextStart) < Date.parse("2026-12-01T00:00:00+08:00"),
      ),
    ).toBe(true);
    expect((await t.agent().get("/api/activities?communityId=1&category=party")).status).toBe(400);
  });

  it("tells a volunteer why an activity suits them, and shows team-only activities to members", async () => {
    const { activityId } = await publishedActivity(
      t,
      [shiftOn("2026-12-19", "09:00", "11:00", 5, { requiredSkillIds: [must(skillIds["助老陪护"])] })],
      { visibility: "team" },
    );
    const member = await t.agent().login(DEMO.volunteer);
    const list = await member.get("/api/activities?communityId=1&limit=100");
    const item = list.json.items.find((a: { id: number }) => a.id === activityId);
    expect(item.suitability.reasons).toEqual(expect.arrayContaining(["skills_match", "fits_availability"]));
    expect(
      (await t.agent().get("/api/activities?communityId=1&limit=100")).json.items.map((a: { id: number }) => a.id),
    ).not.toContain(activityId);
  });
});
