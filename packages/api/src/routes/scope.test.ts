import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { leaderTeam } from "../../test/volunteering";
import { userIdOf } from "../../test/volunteering";
import { communitiesOfHolder } from "../services/belonging";
import { partnerUnits, requests, teamMembers, teams, users, volunteers } from "../db/schema";
import { must } from "@tongxin/core";

// Community 1 (和平社区) is home to every demo account; community 2 (幸福里社区) is "another community".
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const reasonOf = (res: { json: any }) => res.json?.error?.reason;
const db = () => t.database.db;

async function teamOf(communityId: number) {
  const [team] = await db()
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.communityId, communityId), isNull(teams.archivedAt)))
    .limit(1);
  return must(team).id;
}

async function unitOf(communityId: number) {
  const [unit] = await db()
    .select({ id: partnerUnits.id })
    .from(partnerUnits)
    .where(and(eq(partnerUnits.communityId, communityId), isNull(partnerUnits.archivedAt)))
    .limit(1);
  return must(unit).id;
}

/** A resident of the community with no volunteer profile. */
async function residentOf(communityId: number, skip = 0) {
  const rows = await db()
    .select({ id: users.id })
    .from(users)
    .leftJoin(volunteers, eq(volunteers.userId, users.id))
    .where(and(eq(users.communityId, communityId), isNull(volunteers.userId)))
    .limit(skip + 1);
  return must(rows[skip]).id;
}

async function volunteerOf(communityId: number) {
  const demo = await Promise.all(Object.values(DEMO).map((phone) => userIdOf(t, phone)));
  const [row] = await db()
    .select({ id: volunteers.userId })
    .from(volunteers)
    .where(and(eq(volunteers.communityId, communityId), notInArray(volunteers.userId, demo)))
    .limit(1);
  return must(row).id;
}

/** A fresh submitted request of a resident of the community. */
async function openRequest(communityId: number) {
  const ownerUserId = await residentOf(communityId);
  const [row] = await db()
    .insert(requests)
    .values({
      communityId,
      ownerUserId,
      kind: "service",
      category: "haircut",
      description: "帮忙取药",
      status: "submitted",
      createdAt: t.clock.ms,
    })
    .returning({ id: requests.id });
  return must(row).id;
}

const slot = { startsAt: "2026-12-05T09:00:00+08:00", endsAt: "2026-12-05T11:00:00+08:00", capacity: 2 };
const haircut = (providerKey: string) => ({
  providerKey,
  category: "haircut",
  title: "爱心义剪",
  description: "每周六上午",
  placeKind: "service_point",
  place: "党群服务中心",
  schedule: "每周六 9:00–11:00",
  slots: [slot],
});
const benches = { title: "小区安装长椅", description: "中心广场", milestones: [{ title: "安装完成", target: 4 }] };
const profile = (partnerUnitId: number | null) => ({
  homeGridId: null,
  skillIds: [],
  availability: [],
  partyStatus: null,
  partnerUnitId,
  publicNameConsent: false,
});

describe("one rule for scope: nobody acts across communities but the street admin", () => {
  it("a team leader claims a project of his own community, not another's; the street admin may pair them", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const { leader, teamId } = await leaderTeam(t);
    const own = await admin.post("/api/communities/1/projects", benches);
    const other = await admin.post("/api/communities/2/projects", benches);
    const refused = await leader.post(`/api/projects/${other.json.id}/claim`, { holderKey: `team:${teamId}` });
    expect([refused.status, reasonOf(refused)]).toEqual([403, "outside_own_community"]);
    expect((await leader.post(`/api/projects/${own.json.id}/claim`, { holderKey: `team:${teamId}` })).status).toBe(200);
    expect(
      (await admin.post(`/api/projects/${other.json.id}/claim`, { holderKey: `team:${teamId}` })).json,
    ).toMatchObject({ status: "claimed", holderKey: `team:${teamId}` });
  });

  it("a volunteer publishes an offer with their own key in their community's card, not in another's", async () => {
    const volunteer = await t.agent().login(DEMO.volunteer);
    const key = `volunteer:${await userIdOf(t, DEMO.volunteer)}`;
    const refused = await volunteer.post("/api/communities/2/offers", haircut(key));
    expect([refused.status, reasonOf(refused)]).toEqual([403, "outside_own_community"]);
    expect(
      (await t.agent().get("/api/communities/2/offers")).json.items.some(
        (o: { providerKey: string }) => o.providerKey === key,
      ),
    ).toBe(false);
    expect((await volunteer.post("/api/communities/1/offers", haircut(key))).status).toBe(201);
  });

  it("a team leader cannot put his team in another community's card, nor staff their partner unit", async () => {
    const { leader, teamId } = await leaderTeam(t);
    const team = await leader.post("/api/communities/2/offers", haircut(`team:${teamId}`));
    expect([team.status, reasonOf(team)]).toEqual([403, "outside_own_community"]);
    const staff = await t.agent().login(DEMO.communityStaff);
    const unit = await staff.post("/api/communities/2/offers", haircut(`partner:${await unitOf(1)}`));
    expect([unit.status, reasonOf(unit)]).toEqual([403, "outside_own_community"]);
    expect((await leader.post("/api/communities/1/offers", haircut(`team:${teamId}`))).status).toBe(201);
  });

  it("a volunteer applies to a team of their community, not of another", async () => {
    const volunteer = await t.agent().login(DEMO.volunteer);
    const refused = await volunteer.post(`/api/teams/${await teamOf(2)}/members`);
    expect([refused.status, reasonOf(refused)]).toEqual([403, "outside_own_community"]);
    const own = await db().select({ id: teams.id }).from(teams).where(eq(teams.communityId, 1));
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    const joined = await db()
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(and(eq(teamMembers.userId, volunteerId), inArray(teamMembers.status, ["applied", "active"])));
    const free = must(own.find((team) => !joined.some((j) => j.teamId === team.id)));
    expect((await volunteer.post(`/api/teams/${free.id}/members`)).status).toBe(201);
  });

  it("a volunteer joins a partner unit of their community, not of another", async () => {
    const volunteer = await t.agent().login(DEMO.volunteer);
    const refused = await volunteer.put("/api/me/volunteer", profile(await unitOf(2)));
    expect([refused.status, reasonOf(refused)]).toEqual([403, "outside_own_community"]);
    expect((await volunteer.get("/api/me/volunteer")).json.partnerUnitId).not.toBe(await unitOf(2));
    expect((await volunteer.put("/api/me/volunteer", profile(await unitOf(1)))).json.partnerUnitId).toBe(
      await unitOf(1),
    );
  });

  it("community staff grant roles of their community to its residents only; the street admin to anyone", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const stranger = await residentOf(2);
    const refused = await staff.post(`/api/accounts/${stranger}/roles`, { role: "gridWorker", scopeId: 1 });
    expect([refused.status, reasonOf(refused)]).toEqual([422, "belongs_elsewhere"]);
    const leader = await staff.post(`/api/accounts/${stranger}/roles`, {
      role: "teamLeader",
      scopeId: await teamOf(1),
    });
    expect([leader.status, reasonOf(leader)]).toEqual([422, "belongs_elsewhere"]);
    expect(
      (await staff.post(`/api/accounts/${await residentOf(1)}/roles`, { role: "committeeMember", scopeId: 1 })).status,
    ).toBe(201);
    const admin = await t.agent().login(DEMO.streetAdmin);
    expect((await admin.post(`/api/accounts/${stranger}/roles`, { role: "committeeMember", scopeId: 1 })).status).toBe(
      201,
    );
  });

  it("staff name a new team's leader from their community only; the street admin from anyone", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const stranger = await residentOf(2, 1);
    const refused = await staff.post("/api/communities/1/teams", {
      name: "和平社区跨区志愿服务队",
      kind: "巾帼",
      leaderUserId: stranger,
    });
    expect([refused.status, reasonOf(refused)]).toEqual([422, "belongs_elsewhere"]);
    expect(
      (
        await staff.post("/api/communities/1/teams", {
          name: "和平社区邻里志愿服务队",
          kind: "巾帼",
          leaderUserId: await residentOf(1, 1),
        })
      ).status,
    ).toBe(201);
    const admin = await t.agent().login(DEMO.streetAdmin);
    expect(
      (
        await admin.post("/api/communities/1/teams", {
          name: "和平社区跨区志愿服务队",
          kind: "巾帼",
          leaderUserId: stranger,
        })
      ).status,
    ).toBe(201);
  });

  it("staff assign a request to a volunteer, team or unit of its community, not of another; the street admin across", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const elsewhere = [`volunteer:${await volunteerOf(2)}`, `team:${await teamOf(2)}`, `partner:${await unitOf(2)}`];
    for (const key of elsewhere) {
      const refused = await staff.post(`/api/requests/${await openRequest(1)}/assign`, { holderKey: key });
      expect([key, refused.status, reasonOf(refused)]).toEqual([key, 422, "belongs_elsewhere"]);
    }
    for (const key of [`volunteer:${await volunteerOf(1)}`, `team:${await teamOf(1)}`, `partner:${await unitOf(1)}`]) {
      expect((await staff.post(`/api/requests/${await openRequest(1)}/assign`, { holderKey: key })).json).toMatchObject(
        { status: "assigned", holderKey: key },
      );
    }
    const admin = await t.agent().login(DEMO.streetAdmin);
    expect(
      (await admin.post(`/api/requests/${await openRequest(1)}/assign`, { holderKey: elsewhere[0] })).json.status,
    ).toBe("assigned");
  });

  it("the assignee picker offers staff only volunteers, teams and offers of the request's community", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const matches = await staff.get(`/api/requests/${await openRequest(1)}/matches`);
    expect(matches.json.items.length).toBeGreaterThan(0);
    const homes = await Promise.all(
      matches.json.items.map((m: { holderKey: string }) => communitiesOfHolder(db(), m.holderKey)),
    );
    expect(homes.filter((communities) => !communities.includes(1))).toEqual([]);
  });

  it("a volunteer claims requests of their community, or of one their team is paired with, not of another", async () => {
    const volunteer = await t.agent().login(DEMO.volunteer);
    const refused = await volunteer.post(`/api/requests/${await openRequest(2)}/claim`);
    expect([refused.status, reasonOf(refused)]).toEqual([403, "outside_own_community"]);
    expect((await volunteer.post(`/api/requests/${await openRequest(1)}/claim`)).json.status).toBe("claimed");
    await db()
      .insert(teamMembers)
      .values({
        teamId: await teamOf(2),
        userId: await userIdOf(t, DEMO.volunteer),
        status: "active",
        createdAt: t.clock.ms,
      });
    expect((await volunteer.post(`/api/requests/${await openRequest(2)}/claim`)).json.status).toBe("claimed");
  });
});

/** Registers a fresh account in community 1 and makes it a volunteer, as anyone could. */
async function freshVolunteer(phone = "13712345678"): Promise<Agent> {
  const agent = t.agent();
  const registered = await agent.post("/api/auth/register", {
    phone,
    password: "harvest-2026",
    name: "王小明",
    communityId: 1,
  });
  expect(registered.status).toBe(201);
  expect((await agent.put("/api/me/volunteer", profile(null))).status).toBe(200);
  return agent;
}

describe("the harvesting walk", () => {
  it("a fresh account cannot publish a personal offer either: residents who book it would be held by it and show it their phone", async () => {
    const agent = await freshVolunteer("13712345679");
    const me = (await agent.get("/api/me")).json.user.id as number;
    const refused = await agent.post("/api/communities/1/offers", haircut(`volunteer:${me}`));
    expect([refused.status, reasonOf(refused)]).toEqual([422, "not_vouched"]);
    expect(
      (await t.agent().get("/api/communities/1/offers")).json.items.some(
        (o: { providerKey: string }) => o.providerKey === `volunteer:${me}`,
      ),
    ).toBe(false);
  });

  it("a fresh self-registered volunteer tries every open request of every community, its own included, and gets no claim and no contact details", async () => {
    const open = await db()
      .select({ id: requests.id, communityId: requests.communityId })
      .from(requests)
      .where(inArray(requests.status, ["submitted", "accepted"]));
    expect(open.filter((r) => r.communityId !== 1).length).toBeGreaterThan(10);
    expect(open.filter((r) => r.communityId === 1).length).toBeGreaterThan(5);
    const agent = await freshVolunteer();
    let claims = 0;
    let phones = 0;
    const refusals = new Set<string>();
    for (const { id } of open) {
      const claim = await agent.post(`/api/requests/${id}/claim`);
      if (claim.status === 200) claims++;
      else refusals.add(claim.json.error.reason);
      if (/1[3-9]\d{9}/.test(JSON.stringify((await agent.get(`/api/requests/${id}`)).json))) phones++;
    }
    expect({ claims, phones }).toEqual({ claims: 0, phones: 0 });
    // Other communities are outside its own; in its own, nobody has vouched for it yet.
    expect([...refusals].sort()).toEqual(["not_vouched", "outside_own_community"]);
  });
});
