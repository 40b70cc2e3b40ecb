import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray, isNotNull, isNull, not, notInArray } from "drizzle-orm";
import { must, shanghaiDate } from "@tongxin/core";
import {
  auditLog,
  buildings,
  careCampaigns,
  careCategories,
  carePairings,
  careProfileCategories,
  careProfiles,
  careVisits,
  grids,
  households,
} from "../db/schema";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { userIdOf } from "../../test/volunteering";

let t: TestApp;
let staff: Agent;
let gridWorker: Agent;
let resident: Agent;
let neighbour: Agent;
let staffId: number;
/** Households of 和平社区: two in the grid worker's grid, two in another grid. */
let own: { id: number; gridId: number }[];
let other: { id: number; gridId: number }[];

const today = () => shanghaiDate(t.clock.ms);
const campaign = (over: Record<string, unknown> = {}) => ({
  kind: "warmth",
  title: "冬季送温暖",
  categories: ["livingAlone"],
  startsOn: today(),
  endsOn: today(),
  ...over,
});

/** The community's households whose building sits in (or outside) the grid worker's grid and the grids below it. */
/** The demo grid worker's grids: community 1's first and those below it. */
async function workerGrids() {
  const db = t.database.db;
  const [first] = await db.select({ id: grids.id }).from(grids).where(eq(grids.communityId, 1)).orderBy(asc(grids.id));
  const firstId = must(first).id;
  const subtree = (await db.select({ id: grids.id }).from(grids).where(eq(grids.parentId, firstId))).map((g) => g.id);
  return [firstId, ...subtree];
}

/** Community 1's living-alone households whose consent stands (the demo's and the test's), in the grids when named. */
async function standingLivingAlone(gridIds?: number[]) {
  const rows = await t.database.db
    .select({ id: careProfiles.householdId })
    .from(careProfiles)
    .innerJoin(careProfileCategories, eq(careProfileCategories.householdId, careProfiles.householdId))
    .where(
      and(
        eq(careProfiles.communityId, 1),
        eq(careProfileCategories.category, "livingAlone"),
        isNotNull(careProfiles.consentAt),
        isNull(careProfiles.consentWithdrawnAt),
        gridIds ? inArray(careProfiles.gridId, gridIds) : undefined,
      ),
    );
  return rows.length;
}

async function householdsOf(inside: boolean) {
  const db = t.database.db;
  const gridIds = await workerGrids();
  const inGrid = inArray(buildings.gridId, gridIds);
  return db
    .select({ id: households.id, gridId: buildings.gridId })
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(
      and(
        eq(households.communityId, 1),
        isNull(households.archivedAt),
        inside ? inGrid : not(inGrid),
        // The demo's own cared-for households are not these.
        notInArray(households.id, db.select({ id: careProfiles.householdId }).from(careProfiles)),
      ),
    )
    .orderBy(asc(households.id))
    .limit(2);
}

async function addProfile(h: { id: number; gridId: number }, category: string, consent: boolean) {
  const now = t.clock.ms;
  const consentFields = consent ? { consentBy: "self" as const, consentByName: "本人", consentAt: now } : {};
  await t.database.db.insert(careProfiles).values({
    householdId: h.id,
    communityId: 1,
    gridId: h.gridId,
    level: "weekly",
    sinceOn: today(),
    createdBy: staffId,
    createdAt: now,
    updatedAt: now,
    ...consentFields,
  });
  await t.database.db.insert(careProfileCategories).values({ householdId: h.id, gridId: h.gridId, category });
}

beforeAll(async () => {
  t = await testApp();
  staff = await t.agent().login(DEMO.communityStaff);
  gridWorker = await t.agent().login(DEMO.gridWorker);
  resident = await t.agent().login(DEMO.resident);
  const admin = await t.agent().login(DEMO.streetAdmin);
  staffId = await userIdOf(t, DEMO.communityStaff);
  // Staff of 幸福里社区 (community 2).
  const account = await admin.post("/api/accounts", { phone: "13600007778", name: "邻社区干部", communityId: 2 });
  await admin.post(`/api/accounts/${account.json.user.id}/roles`, { role: "communityStaff", scopeId: 2 });
  await t.agent().firstLogin("13600007778", account.json.temporaryPassword, "neighbour2026");
  neighbour = await t.agent().login("13600007778", "neighbour2026");
  own = await householdsOf(true);
  other = await householdsOf(false);
  await addProfile(must(own[0]), "livingAlone", true);
  await addProfile(must(own[1]), "livingAlone", false);
  await addProfile(must(other[0]), "livingAlone", true);
  await addProfile(must(other[1]), "disability", true);
});
afterAll(() => t.cleanup());

describe("a 五送 campaign", () => {
  it("started by community staff is audited and listed with its progress over households whose consent stands", async () => {
    const made = await staff.post("/api/communities/1/care/campaigns", campaign());
    expect(made.status).toBe(201);
    const id = made.json.id;
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "care.campaign.create"), eq(auditLog.entityId, id)));
    expect(audit?.actorUserId).toBe(staffId);

    const visited = must(own[0]);
    await t.database.db.insert(careVisits).values({
      communityId: 1,
      gridId: visited.gridId,
      householdId: visited.id,
      visitorUserId: staffId,
      byVolunteer: false,
      campaignId: id,
      visitedOn: today(),
      mode: "inPerson",
      wellbeing: "good",
      createdAt: t.clock.ms,
    });
    const list = await staff.get("/api/communities/1/care/campaigns");
    expect(list.status).toBe(200);
    expect(list.json.items[0]).toMatchObject({
      id,
      kind: "warmth",
      title: "冬季送温暖",
      categories: [{ key: "livingAlone", name: null }],
      startsOn: today(),
      endsOn: today(),
      running: true,
      progress: { targeted: await standingLivingAlone(), reached: 1, visits: 1 },
    });
  });

  it("shows a grid worker its progress over their own grid's households only", async () => {
    const list = await gridWorker.get("/api/communities/1/care/campaigns");
    expect(list.status).toBe(200);
    const targeted = await standingLivingAlone(await workerGrids());
    expect(list.json.items[0].progress).toEqual({ targeted, reached: 1, visits: 1 });
    expect(targeted).toBeLessThan(await standingLivingAlone());
  });

  it.each([
    [{ endsOn: "2020-01-01" }, "campaign_ends_before_start"],
    [{ categories: [] }, "categories_required"],
    [{ categories: ["custom:999"] }, "unknown_care_category"],
  ])("is refused with %j as %s", async (over, reason) => {
    const res = await staff.post("/api/communities/1/care/campaigns", campaign(over));
    expect(res.status).toBe(422);
    expect(res.json.error.reason).toBe(reason);
  });

  it("is refused an unknown kind or a blank title", async () => {
    expect((await staff.post("/api/communities/1/care/campaigns", campaign({ kind: "gifts" }))).status).toBe(400);
    expect((await staff.post("/api/communities/1/care/campaigns", campaign({ title: " " }))).status).toBe(400);
  });

  it("is started by staff only: a grid worker, a resident and another community's staff are refused", async () => {
    for (const agent of [gridWorker, resident, neighbour]) {
      const res = await agent.post("/api/communities/1/care/campaigns", campaign());
      expect(res.status).toBe(403);
    }
    expect((await staff.post("/api/communities/2/care/campaigns", campaign())).status).toBe(403);
    expect((await staff.post("/api/communities/999/care/campaigns", campaign())).status).toBe(404);
    expect((await t.agent().post("/api/communities/1/care/campaigns", campaign())).status).toBe(401);
  });

  it("is listed to nobody outside the community's staff and grid workers", async () => {
    expect((await resident.get("/api/communities/1/care/campaigns")).status).toBe(403);
    expect((await neighbour.get("/api/communities/1/care/campaigns")).status).toBe(403);
    expect((await gridWorker.get("/api/communities/2/care/campaigns")).status).toBe(403);
    expect((await staff.get("/api/communities/2/care/campaigns")).status).toBe(403);
    expect((await staff.get("/api/communities/999/care/campaigns")).status).toBe(404);
    expect((await t.agent().get("/api/communities/1/care/campaigns")).status).toBe(401);
  });
});

describe("the campaigns a visit may count for", () => {
  it("are those running today aimed at one of the household's categories, shown to its paired visitor", async () => {
    const household = must(own[0]);
    const volunteer = await t.agent().login(DEMO.volunteer);
    const visitorId = await userIdOf(t, DEMO.volunteer);
    await t.database.db.insert(carePairings).values({
      communityId: 1,
      householdId: household.id,
      visitorUserId: visitorId,
      kind: "volunteer",
      startedAt: t.clock.ms,
      startedBy: staffId,
    });
    const running = (await staff.post("/api/communities/1/care/campaigns", campaign({ title: "送温暖入户" }))).json.id;
    const elsewhere = await staff.post("/api/communities/1/care/campaigns", campaign({ categories: ["disability"] }));
    const [over] = await t.database.db
      .insert(careCampaigns)
      .values({
        communityId: 1,
        kind: "warmth",
        title: "去年的送温暖",
        categories: '["livingAlone"]',
        startsOn: "2020-01-01",
        endsOn: "2020-01-31",
        createdBy: staffId,
        createdAt: t.clock.ms,
      })
      .returning({ id: careCampaigns.id });
    const res = await volunteer.get(`/api/households/${household.id}/care/campaigns`);
    expect(res.status).toBe(200);
    const ids = res.json.items.map((c: { id: number }) => c.id);
    expect(ids).toContain(running);
    expect(ids).not.toContain(elsewhere.json.id);
    expect(ids).not.toContain(must(over).id);
    expect(res.json.items.find((c: { id: number }) => c.id === running)).toEqual({
      id: running,
      kind: "warmth",
      title: "送温暖入户",
      startsOn: today(),
      endsOn: today(),
    });
  });

  it("are refused to a resident, another community's staff, and answer 404 for an unknown household", async () => {
    const household = must(own[0]).id;
    expect((await resident.get(`/api/households/${household}/care/campaigns`)).status).toBe(403);
    expect((await neighbour.get(`/api/households/${household}/care/campaigns`)).status).toBe(403);
    expect((await staff.get("/api/households/999999/care/campaigns")).status).toBe(404);
  });

  it("name a community's own category by its name in the list", async () => {
    const [own] = await t.database.db
      .insert(careCategories)
      .values({ communityId: 1, name: "退役军人", createdBy: staffId, createdAt: t.clock.ms })
      .returning({ id: careCategories.id });
    const key = `custom:${must(own).id}`;
    const made = await staff.post("/api/communities/1/care/campaigns", campaign({ categories: [key] }));
    expect(made.status).toBe(201);
    const list = await staff.get("/api/communities/1/care/campaigns");
    expect(list.json.items[0].categories).toEqual([{ key, name: "退役军人" }]);
  });
});
