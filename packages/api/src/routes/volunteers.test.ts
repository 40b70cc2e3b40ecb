import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { userIdOf } from "../../test/volunteering";

let t: TestApp;
let skillIds: Record<string, number>;
beforeAll(async () => {
  t = await testApp();
  skillIds = Object.fromEntries(
    ((await t.agent().get("/api/skills")).json.items as { id: number; name: string }[]).map((s) => [s.name, s.id]),
  );
});
afterAll(() => t.cleanup());

const profile = (over: Record<string, unknown> = {}) => ({
  homeGridId: null,
  skillIds: [],
  availability: [{ weekday: 6, startMinute: 480, endMinute: 720 }],
  partyStatus: "retired",
  partnerUnitId: null,
  publicNameConsent: true,
  ...over,
});

describe("volunteer profiles", () => {
  it("a resident becomes a volunteer by saving a profile and gets the volunteer role", async () => {
    const resident = await t.agent().login(DEMO.resident);
    expect((await resident.get("/api/me/volunteer")).status).toBe(404);
    const grid = (await t.agent().get("/api/communities/1/grids")).json.items[1];
    const saved = await resident.request(
      "PUT",
      "/api/me/volunteer",
      profile({ homeGridId: grid.id, skillIds: [skillIds["理发"], skillIds["驾驶"]] }),
    );
    expect(saved.status).toBe(200);
    expect(saved.json.skills.map((s: { name: string }) => s.name).sort()).toEqual(["理发", "驾驶"].sort());
    expect(saved.json).toMatchObject({
      partyStatus: "retired",
      homeGridId: grid.id,
      availability: [{ weekday: 6, startMinute: 480, endMinute: 720 }],
    });
    expect((await resident.get("/api/me")).json.roles.map((r: { role: string }) => r.role)).toContain("volunteer");
  });

  it.each([
    {
      case: "overlapping windows",
      body: profile({
        availability: [
          { weekday: 1, startMinute: 480, endMinute: 720 },
          { weekday: 1, startMinute: 600, endMinute: 800 },
        ],
      }),
      status: 422,
    },
    { case: "an unknown skill", body: profile({ skillIds: [9999] }), status: 404 },
    { case: "a grid of another community", body: profile({ homeGridId: 20 }), status: 422 },
    { case: "an unknown party status", body: profile({ partyStatus: "member" }), status: 400 },
  ])("refuses $case ($status)", async ({ body, status }) => {
    const agent = await t.agent().login(DEMO.volunteer);
    expect((await agent.request("PUT", "/api/me/volunteer", body)).status).toBe(status);
  });
});

describe("volunteer search", () => {
  it("finds volunteers by pinyin initials, full pinyin, Chinese name and skill; staff only", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const byInitials = await staff.get("/api/volunteers?communityId=1&q=wsy");
    expect(byInitials.status).toBe(200);
    expect(byInitials.json.items.map((v: { name: string }) => v.name)).toContain("吴思远");
    expect(
      (await staff.get("/api/volunteers?communityId=1&q=wusi")).json.items.map((v: { name: string }) => v.name),
    ).toContain("吴思远");
    expect(
      (await staff.get(`/api/volunteers?communityId=1&q=${encodeURIComponent("思远")}`)).json.items.map(
        (v: { name: string }) => v.name,
      ),
    ).toContain("吴思远");
    const bySkill = await staff.get(`/api/volunteers?communityId=1&skillId=${skillIds["助老陪护"]}&limit=100`);
    expect(bySkill.json.items.every((v: { skills: string[] }) => v.skills.includes("助老陪护"))).toBe(true);
    expect(bySkill.json.items.length).toBeGreaterThan(0);
    expect((await (await t.agent().login(DEMO.volunteer)).get("/api/volunteers?communityId=1")).status).toBe(403);
    expect((await staff.get("/api/volunteers?communityId=2")).status).toBe(403);
  });
});

describe("teams", () => {
  it("staff create a team with a leader; a volunteer applies, the leader approves, the member leaves", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const leaderId = await userIdOf(t, DEMO.committeeMember);
    const team = await staff.post("/api/communities/1/teams", {
      name: "和平社区巾帼志愿服务队",
      kind: "巾帼",
      leaderUserId: leaderId,
    });
    expect(team.status).toBe(201);
    expect(
      (await staff.post("/api/communities/1/teams", { name: "和平社区巾帼志愿服务队", kind: "巾帼" })).status,
    ).toBe(409);
    expect(
      (await (await t.agent().login(DEMO.volunteer)).post("/api/communities/1/teams", { name: "私建队", kind: "x" }))
        .status,
    ).toBe(403);

    const volunteer = await t.agent().login(DEMO.volunteer);
    const applied = await volunteer.post(`/api/teams/${team.json.id}/members`);
    expect(applied.json.status).toBe("applied");
    expect((await volunteer.post(`/api/teams/${team.json.id}/members`)).status).toBe(409);
    expect((await volunteer.post(`/api/teams/${team.json.id}/members/${applied.json.id}/approve`)).status).toBe(403);

    const leader = await t.agent().login(DEMO.committeeMember);
    const leaderView = await leader.get(`/api/teams/${team.json.id}`);
    expect(leaderView.json.members.find((m: { status: string }) => m.status === "applied")).toMatchObject({
      name: "吴思远",
      phone: DEMO.volunteer,
    });
    expect((await leader.post(`/api/teams/${team.json.id}/members/${applied.json.id}/approve`)).json.status).toBe(
      "active",
    );
    expect((await leader.post(`/api/teams/${team.json.id}/members/${applied.json.id}/approve`)).status).toBe(409);

    const publicView = await t.agent().get(`/api/teams/${team.json.id}`);
    expect(publicView.json.members.every((m: { phone: string | null }) => m.phone === null)).toBe(true);
    expect(publicView.json.members.map((m: { name: string }) => m.name)).not.toContain("刘德顺");
    expect((await volunteer.get("/api/me/notifications")).json.items[0]).toMatchObject({
      kind: "team_approved",
      payload: { teamId: team.json.id, teamName: expect.any(String), path: `/teams/${team.json.id}` },
    });
    expect((await volunteer.delete(`/api/teams/${team.json.id}/members/me`)).json.status).toBe("left");
    expect((await volunteer.delete(`/api/teams/${team.json.id}/members/me`)).status).toBe(404);
  });

  it("the team page totals its confirmed hours", async () => {
    const { teamId } = {
      teamId: (await (await t.agent().login(DEMO.teamLeader)).get("/api/me")).json.roles.find(
        (r: { role: string }) => r.role === "teamLeader",
      ).scopeId,
    };
    const page = await t.agent().get(`/api/teams/${teamId}`);
    expect(page.json.totalMinutes).toBeGreaterThan(100 * 60);
    expect(page.json.activities.length).toBeGreaterThan(0);
  });
});

describe("partner units", () => {
  it("staff register a unit; the public sees it with the contact masked; its page sums members' hours", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const unit = await staff.post("/api/communities/1/partner-units", {
      name: "区图书馆党支部",
      kind: "agency",
      contactName: "王晓明",
      contactPhone: "13912345678",
    });
    expect(unit.status).toBe(201);
    expect((await staff.post("/api/communities/1/partner-units", { name: "x", kind: "church" })).status).toBe(400);
    const list = await t.agent().get("/api/communities/1/partner-units");
    expect(list.json.items.find((u: { id: number }) => u.id === unit.json.id)).toMatchObject({
      contactName: "王*明",
      contactPhone: "139****5678",
    });
    const resident = await t.agent().login(DEMO.resident);
    await resident.request("PUT", "/api/me/volunteer", profile({ partnerUnitId: unit.json.id }));
    const page = await t.agent().get(`/api/partner-units/${unit.json.id}`);
    expect(page.json.members).toHaveLength(1);
    expect(page.json.members[0].name).toBe("郑桂兰");
  });
});
