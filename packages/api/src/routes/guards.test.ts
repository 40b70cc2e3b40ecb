import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { publishedActivity, shiftOn } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
let ids: { activityId: number; shiftId: number; teamId: number };
let otherStaff: { phone: string; password: string };
beforeAll(async () => {
  t = await testApp();
  const made = await publishedActivity(t, [shiftOn("2026-12-05")]);
  ids = { activityId: made.activityId, shiftId: must(made.shiftIds[0]), teamId: made.teamId };
  // Staff of 幸福里社区 (community 2), made by the street admin.
  const admin = await t.agent().login(DEMO.streetAdmin);
  const account = await admin.post("/api/accounts", { phone: "13600009999", name: "邻社区干部", communityId: 2 });
  await admin.post(`/api/accounts/${account.json.user.id}/roles`, { role: "communityStaff", scopeId: 2 });
  // The one-time password works only to set their own, which they do at once.
  otherStaff = { phone: "13600009999", password: "neighbour2026" };
  await t.agent().firstLogin(otherStaff.phone, account.json.temporaryPassword, otherStaff.password);
});
afterAll(() => t.cleanup());

type Case = { method: "GET" | "POST" | "PUT" | "DELETE"; path: () => string; body?: Record<string, unknown> };

// Routes only an organiser (team leader of the activity's team, or community staff) may use.
const organiserRoutes: Record<string, Case> = {
  publish: { method: "POST", path: () => `/api/activities/${ids.activityId}/publish` },
  cancel: { method: "POST", path: () => `/api/activities/${ids.activityId}/cancel`, body: { reason: "测试" } },
  finish: { method: "POST", path: () => `/api/activities/${ids.activityId}/finish` },
  roster: { method: "GET", path: () => `/api/shifts/${ids.shiftId}/signups` },
  qr: { method: "POST", path: () => `/api/shifts/${ids.shiftId}/qr` },
  attendance: {
    method: "POST",
    path: () => `/api/shifts/${ids.shiftId}/attendance`,
    body: { userId: 1, attendance: "present" },
  },
  hours: { method: "POST", path: () => `/api/shifts/${ids.shiftId}/hours`, body: { entries: [{ userId: 1 }] } },
};

describe("organiser routes", () => {
  it.each(Object.entries(organiserRoutes))("%s answers 401 without a session", async (_, c) => {
    expect((await t.agent().request(c.method, c.path(), c.body)).status).toBe(401);
  });

  it.each(Object.entries(organiserRoutes))(
    "%s answers 403 to a volunteer and to another community's staff",
    async (_, c) => {
      expect((await (await t.agent().login(DEMO.volunteer)).request(c.method, c.path(), c.body)).status).toBe(403);
      const neighbour = await t.agent().login(otherStaff.phone, otherStaff.password);
      expect((await neighbour.request(c.method, c.path(), c.body)).status).toBe(403);
    },
  );

  it.each(Object.entries(organiserRoutes))("%s answers 404 for an unknown record", async (_, c) => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const path = c.path().replace(String(ids.activityId), "99999").replace(`shifts/${ids.shiftId}`, "shifts/99999");
    expect((await staff.request(c.method, path, c.body)).status).toBe(404);
  });
});

describe("malformed input on the volunteering routes", () => {
  it.each([
    {
      name: "attendance with an unknown value",
      method: "POST",
      path: () => `/api/shifts/${ids.shiftId}/attendance`,
      body: { userId: 1, attendance: "late" },
    },
    {
      name: "hours with negative minutes",
      method: "POST",
      path: () => `/api/shifts/${ids.shiftId}/hours`,
      body: { entries: [{ userId: 1, minutes: -5 }] },
    },
    {
      name: "hours with no entries",
      method: "POST",
      path: () => `/api/shifts/${ids.shiftId}/hours`,
      body: { entries: [] },
    },
    { name: "a check-in without a token", method: "POST", path: () => `/api/shifts/${ids.shiftId}/checkins`, body: {} },
    {
      name: "a void with an unknown field",
      method: "POST",
      path: () => "/api/hours/1/void",
      body: { reason: "x", force: true },
    },
    {
      name: "a team with an over-long name",
      method: "POST",
      path: () => "/api/communities/1/teams",
      body: { name: "队".repeat(51), kind: "x" },
    },
    { name: "a shift id that is not a number", method: "POST", path: () => "/api/shifts/abc/signups", body: {} },
  ] as const)("$name answers 400", async ({ method, path, body }) => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const res = await staff.request(method, path(), body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_input");
  });

  it("answers 404 for unknown teams, partner units, records and hours", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await t.agent().get("/api/teams/99999")).status).toBe(404);
    expect((await t.agent().get("/api/partner-units/99999")).status).toBe(404);
    expect((await staff.post("/api/hours/99999/void", { reason: "x" })).status).toBe(404);
    expect((await t.agent().get("/api/activities/99999")).status).toBe(404);
  });

  it("me/shifts, me/volunteer and notifications need a session", async () => {
    for (const path of ["/api/me/shifts", "/api/me/volunteer", "/api/me/notifications"])
      expect((await t.agent().get(path)).status).toBe(401);
  });

  it("skills: staff add one, a duplicate is 409, volunteers are refused", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.post("/api/skills", { name: "手语", communityId: 1 })).status).toBe(201);
    expect((await staff.post("/api/skills", { name: "手语", communityId: 1 })).status).toBe(409);
    expect(
      (await (await t.agent().login(DEMO.volunteer)).post("/api/skills", { name: "杂技", communityId: 1 })).status,
    ).toBe(403);
  });

  it("finishing waits for the last shift to end", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const early = await staff.post(`/api/activities/${ids.activityId}/finish`);
    expect(early.status).toBe(422);
    expect(early.json.error.reason).toBe("not_over");
  });
});
