import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, gt } from "drizzle-orm";
import { CLAIM_LIMITS, QUIET_RELEASE_MS, must } from "@tongxin/core";
import { accessLog, communities, notifications, roleGrants } from "../db/schema";
import { Sessions } from "../auth/session";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { makeVolunteers, publishedActivity, shiftOn, userIdOf } from "../../test/volunteering";

let t: TestApp;
let ownerId: number;
beforeAll(async () => {
  t = await testApp();
  ownerId = await userIdOf(t, DEMO.resident);
});
afterAll(() => t.cleanup());

const wish = { kind: "wish", category: "item", description: "想要一个助行器" };
const visit = { kind: "service", category: "plumbing", description: "厨房水管漏水" };
const post = async (body: Record<string, unknown> = wish) =>
  (await (await t.agent().login(DEMO.resident)).post("/api/requests", body)).json.id as number;
const logRows = () => t.database.db.select().from(accessLog).where(eq(accessLog.subjectUserId, ownerId));
let prefixNo = 40;
const freshVolunteer = async () => must((await makeVolunteers(t, 1, String((prefixNo += 1)), { vouched: true }))[0]);

/** The demo's second community (幸福里社区) with a staff member of its own. */
async function otherCommunityStaff(): Promise<{ agent: Agent; communityId: number }> {
  const [other] = await t.database.db
    .select({ id: communities.id })
    .from(communities)
    .where(eq(communities.name, "幸福里社区"));
  const [agent] = [await freshVolunteer()];
  const me = (await must(agent).get("/api/me")).json.user.id as number;
  await t.database.db.insert(roleGrants).values({
    userId: me,
    role: "communityStaff",
    scopeKind: "community",
    scopeId: must(other).id,
    createdAt: t.clock.ms,
  });
  const cookie = await new Sessions(t.database).create(me);
  must(agent).cookie = `${cookie.name}=${cookie.value}`;
  return { agent: must(agent), communityId: must(other).id };
}

describe("the owner's details on a need-to-know basis", () => {
  it("the holder sees name and phone only while holding; after release the request is closed to them", async () => {
    const id = await post();
    const volunteer = await freshVolunteer();
    expect((await volunteer.post(`/api/requests/${id}/claim`)).status).toBe(200);
    const held = await volunteer.get(`/api/requests/${id}`);
    expect(held.json.owner).toMatchObject({ name: "郑桂兰", phone: DEMO.resident });
    expect((await volunteer.post(`/api/requests/${id}/release`, { reason: "临时有事" })).status).toBe(200);
    const after = await volunteer.get(`/api/requests/${id}`);
    expect(after.status).toBe(404);
    expect(JSON.stringify(after.json)).not.toContain(DEMO.resident);
  });

  it("the holder of a request without a visit gets the building only; with a visit the door too", async () => {
    const volunteer = await freshVolunteer();
    const plain = await post();
    await volunteer.post(`/api/requests/${plain}/claim`);
    const building = (await volunteer.get(`/api/requests/${plain}`)).json.owner;
    expect(building.address).toMatch(/\S/);
    expect(building.door).toBeNull();
    const plumbing = await post(visit);
    await volunteer.post(`/api/requests/${plumbing}/claim`);
    const door = (await volunteer.get(`/api/requests/${plumbing}`)).json.owner;
    expect(door.address).toBe(building.address);
    expect(door.door).toMatch(/\S/);
  });

  it("staff in scope see everything, a volunteer who does not hold it nothing, the resident their own", async () => {
    const id = await post();
    const staff = (await (await t.agent().login(DEMO.communityStaff)).get(`/api/requests/${id}`)).json.owner;
    expect(staff).toMatchObject({
      name: "郑桂兰",
      phone: DEMO.resident,
      address: expect.stringMatching(/\S/),
      door: expect.stringMatching(/\S/),
    });
    expect((await (await freshVolunteer()).get(`/api/requests/${id}`)).status).toBe(404);
    const own = (await (await t.agent().login(DEMO.resident)).get(`/api/requests/${id}`)).json.owner;
    expect(own).toMatchObject({ name: "郑桂兰", phone: DEMO.resident, door: expect.stringMatching(/\S/) });
  });

  it("staff of another community cannot open the request", async () => {
    const id = await post();
    const { agent } = await otherCommunityStaff();
    expect((await agent.get(`/api/requests/${id}`)).status).toBe(404);
  });

  it("the timeline shows a volunteer's full name to the resident only with the volunteer's consent", async () => {
    const id = await post();
    const volunteer = await freshVolunteer();
    await volunteer.post(`/api/requests/${id}/claim`);
    const name = (await volunteer.get("/api/me")).json.user.name as string;
    const seen = (await (await t.agent().login(DEMO.resident)).get(`/api/requests/${id}`)).json;
    const claim = seen.timeline.find((e: { action: string }) => e.action === "claim");
    expect(claim.actorName).not.toBe(name);
    expect(claim.actorName).toMatch(/\*/);
    expect(seen.holderName).toBe(claim.actorName);
    const staffSees = (await (await t.agent().login(DEMO.communityStaff)).get(`/api/requests/${id}`)).json;
    expect(staffSees.timeline.find((e: { action: string }) => e.action === "claim").actorName).toBe(name);
  });
});

describe("the access log", () => {
  it("each read of the phone or address by the holder or staff writes exactly one row; the resident's own reads none", async () => {
    const id = await post();
    const before = (await logRows()).length;
    await (await t.agent().login(DEMO.resident)).get(`/api/requests/${id}`);
    expect(await logRows()).toHaveLength(before);
    const volunteer = await freshVolunteer();
    const volunteerId = (await volunteer.get("/api/me")).json.user.id;
    await volunteer.post(`/api/requests/${id}/claim`);
    await volunteer.get(`/api/requests/${id}`);
    const staffId = await userIdOf(t, DEMO.communityStaff);
    await (await t.agent().login(DEMO.communityStaff)).get(`/api/requests/${id}`);
    const rows = (await logRows()).slice(before);
    expect(rows).toEqual([
      expect.objectContaining({
        actorUserId: volunteerId,
        fields: "phone,address",
        entity: "request",
        entityId: id,
        communityId: 1,
      }),
      expect.objectContaining({
        actorUserId: staffId,
        fields: "phone,address",
        entity: "request",
        entityId: id,
        communityId: 1,
      }),
    ]);
  });

  it("community staff read it newest first with names, page by page; staff of another community get 403", async () => {
    const id = await post();
    await (await t.agent().login(DEMO.communityStaff)).get(`/api/requests/${id}`);
    await (await t.agent().login(DEMO.gridWorker)).get(`/api/requests/${id}`);
    const staff = await t.agent().login(DEMO.communityStaff);
    const first = await staff.get("/api/communities/1/access-log?limit=1");
    expect(first.status).toBe(200);
    expect(first.json.items).toEqual([
      expect.objectContaining({
        readerName: expect.any(String),
        subjectName: "郑桂兰",
        fields: "phone,address",
        entity: "request",
        entityId: id,
      }),
    ]);
    const second = await staff.get(`/api/communities/1/access-log?limit=1&cursor=${first.json.nextCursor}`);
    expect(second.json.items[0].id).toBeLessThan(first.json.items[0].id);
    const { agent, communityId } = await otherCommunityStaff();
    expect((await agent.get("/api/communities/1/access-log")).status).toBe(403);
    expect(
      (await agent.get(`/api/communities/${communityId}/access-log`)).json.items.some(
        (r: { subjectName: string }) => r.subjectName === "郑桂兰",
      ),
    ).toBe(false);
    expect((await (await t.agent().login(DEMO.volunteer)).get("/api/communities/1/access-log")).status).toBe(403);
    expect((await t.agent().get("/api/communities/1/access-log")).status).toBe(401);
  });

  it("a resident sees who read their details, and nobody else's", async () => {
    const id = await post();
    await (await t.agent().login(DEMO.communityStaff)).get(`/api/requests/${id}`);
    const mine = await (await t.agent().login(DEMO.resident)).get("/api/me/access-log");
    expect(mine.status).toBe(200);
    expect(mine.json.items[0]).toMatchObject({
      readerName: expect.any(String),
      fields: "phone,address",
      entity: "request",
      entityId: id,
    });
    expect(
      (await (await t.agent().login(DEMO.volunteer)).get("/api/me/access-log")).json.items.every(
        (r: { entityId: number }) => r.entityId !== id,
      ),
    ).toBe(true);
  });
});

describe("claim limits per volunteer", () => {
  it(`after ${CLAIM_LIMITS.releasesPerDay} releases in a day the next claim is refused, and allowed again the next day`, async () => {
    const volunteer = await freshVolunteer();
    for (let i = 0; i < CLAIM_LIMITS.releasesPerDay; i++) {
      const id = await post();
      expect((await volunteer.post(`/api/requests/${id}/claim`)).status).toBe(200);
      expect((await volunteer.post(`/api/requests/${id}/release`, { reason: "临时有事" })).status).toBe(200);
    }
    const next = await post();
    const refused = await volunteer.post(`/api/requests/${next}/claim`);
    expect(refused.status).toBe(422);
    expect(refused.json.error.reason).toBe("released_too_often");
    t.clock.ms += 24 * 3_600_000;
    expect((await volunteer.post(`/api/requests/${next}/claim`)).status).toBe(200);
  });

  it(`a volunteer holds at most ${CLAIM_LIMITS.heldAtOnce} requests at once`, async () => {
    const volunteer = await freshVolunteer();
    for (let i = 0; i < CLAIM_LIMITS.heldAtOnce; i++)
      expect((await volunteer.post(`/api/requests/${await post()}/claim`)).status).toBe(200);
    const refused = await volunteer.post(`/api/requests/${await post()}/claim`);
    expect(refused.status).toBe(422);
    expect(refused.json.error.reason).toBe("holding_too_many");
  });

  it("staff assigning a volunteer are not bound by the volunteer's claim limits", async () => {
    const volunteer = await freshVolunteer();
    const volunteerId = (await volunteer.get("/api/me")).json.user.id;
    for (let i = 0; i < CLAIM_LIMITS.heldAtOnce; i++) await volunteer.post(`/api/requests/${await post()}/claim`);
    const staff = await t.agent().login(DEMO.communityStaff);
    expect(
      (await staff.post(`/api/requests/${await post()}/assign`, { holderKey: `volunteer:${volunteerId}` })).status,
    ).toBe(200);
  });

  it("harvesting walk in the own community: claiming and releasing in a loop yields at most the daily limit of contacts, each logged", async () => {
    const harvester = await freshVolunteer();
    const harvesterId = (await harvester.get("/api/me")).json.user.id;
    const phones = new Set<string>();
    let tries = 0;
    for (; tries < 20; tries++) {
      const id = await post();
      if ((await harvester.post(`/api/requests/${id}/claim`)).status !== 200) continue;
      const seen = await harvester.get(`/api/requests/${id}`);
      if (seen.json.owner.phone) phones.add(`${id}:${seen.json.owner.phone}`);
      await harvester.post(`/api/requests/${id}/release`, { reason: "临时有事" });
    }
    expect(phones.size).toBe(CLAIM_LIMITS.releasesPerDay);
    const logged = await t.database.db.select().from(accessLog).where(eq(accessLog.actorUserId, harvesterId));
    expect(logged).toHaveLength(phones.size);
  });
});

describe("notices of quick releases", () => {
  const noticesOf = async (requestId: number) =>
    (
      await t.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, ownerId), eq(notifications.kind, "request_changed")))
    )
      .map((n) => JSON.parse(n.payload) as { requestId: number; action: string })
      .filter((p) => p.requestId === requestId)
      .map((p) => p.action);

  it("a claim released within minutes is withdrawn from the resident's notices and the release is not announced", async () => {
    const id = await post();
    const volunteer = await freshVolunteer();
    await volunteer.post(`/api/requests/${id}/claim`);
    expect(await noticesOf(id)).toEqual(["claim"]);
    t.clock.ms += QUIET_RELEASE_MS - 1000;
    await volunteer.post(`/api/requests/${id}/release`, { reason: "点错了" });
    expect(await noticesOf(id)).toEqual([]);
  });

  it("a later release still tells the resident", async () => {
    const id = await post();
    const volunteer = await freshVolunteer();
    await volunteer.post(`/api/requests/${id}/claim`);
    t.clock.ms += QUIET_RELEASE_MS + 1000;
    await volunteer.post(`/api/requests/${id}/release`, { reason: "临时有事" });
    expect(await noticesOf(id)).toEqual(["claim", "release"]);
  });
});

describe("staff lists that show phones", () => {
  const readsSince = async (fromId: number) => t.database.db.select().from(accessLog).where(gt(accessLog.id, fromId));
  const lastId = async () =>
    (await t.database.db.select({ id: accessLog.id }).from(accessLog)).reduce((max, r) => Math.max(max, r.id), 0);

  it("write one access-log row per person shown: residents, volunteers, a shift's roster and a team's members", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const staffId = await userIdOf(t, DEMO.communityStaff);
    let from = await lastId();
    const accounts = await staff.get(`/api/accounts?communityId=1&q=${DEMO.resident}`);
    expect(accounts.json.items.map((u: { phone: string }) => u.phone)).toEqual([DEMO.resident]);
    expect(await readsSince(from)).toMatchObject([
      { actorUserId: staffId, subjectUserId: ownerId, entity: "accounts", communityId: 1 },
    ]);

    from = await lastId();
    const found = await staff.get("/api/volunteers?communityId=1&limit=5");
    const shown = found.json.items.map((v: { id: number }) => v.id).sort();
    expect(shown.length).toBeGreaterThan(0);
    expect(
      (await readsSince(from))
        .filter((r) => r.entity === "volunteers")
        .map((r) => r.subjectUserId)
        .sort(),
    ).toEqual(shown.filter((id: number) => id !== staffId));

    const [volunteer] = await makeVolunteers(t, 1, "77");
    const { leader, teamId, shiftIds } = await publishedActivity(t, [shiftOn("2026-12-20")]);
    await must(volunteer).post(`/api/shifts/${shiftIds[0]}/signups`);
    const volunteerId = (await must(volunteer).get("/api/me")).json.user.id as number;
    from = await lastId();
    const roster = await leader.get(`/api/shifts/${shiftIds[0]}/signups`);
    expect(roster.json.people.map((p: { phone: string }) => p.phone)).toHaveLength(1);
    expect(await readsSince(from)).toMatchObject([
      { subjectUserId: volunteerId, entity: "roster", entityId: shiftIds[0], fields: "phone" },
    ]);

    from = await lastId();
    const team = await leader.get(`/api/teams/${teamId}`);
    const leaderId = await userIdOf(t, DEMO.teamLeader);
    const members = team.json.members
      .filter((m: { phone: string | null; userId: number }) => m.phone !== null && m.userId !== leaderId)
      .map((m: { userId: number }) => m.userId)
      .sort();
    expect(members.length).toBeGreaterThan(0);
    expect(
      (await readsSince(from))
        .filter((r) => r.entity === "team" && r.entityId === teamId)
        .map((r) => r.subjectUserId)
        .sort(),
    ).toEqual(members);

    from = await lastId();
    await (await t.agent().login(DEMO.volunteer)).get(`/api/teams/${teamId}`);
    expect(await readsSince(from)).toEqual([]);
  });
});
