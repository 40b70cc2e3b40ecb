import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { requestHolds } from "../db/schema";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { makeVolunteers, userIdOf } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const wish = { kind: "wish", category: "item", description: "想要一个助行器" };
const post = async (body: Record<string, unknown> = wish) =>
  (await (await t.agent().login(DEMO.resident)).post("/api/requests", body)).json.id as number;

describe("posting requests", () => {
  it("a resident posts a micro-wish; they, staff in scope and nobody else see it with its timeline", async () => {
    const resident = await t.agent().login(DEMO.resident);
    const created = await resident.post("/api/requests", wish);
    expect(created.status).toBe(201);
    expect(created.json.status).toBe("submitted");
    const mine = await resident.get(`/api/requests/${created.json.id}`);
    expect(mine.json).toMatchObject({
      kind: "wish",
      status: "submitted",
      owner: { name: "郑桂兰", phone: DEMO.resident },
      timeline: [{ action: "create", to: "submitted" }],
    });
    expect(mine.json.moves).toEqual(["cancel"]);
    const worker = await (await t.agent().login(DEMO.gridWorker)).get(`/api/requests/${created.json.id}`);
    expect(worker.json.owner).toMatchObject({ name: "郑桂兰", phone: DEMO.resident });
    expect(worker.json.moves).toEqual(expect.arrayContaining(["accept", "assign", "reject", "escalate"]));
    expect((await (await t.agent().login(DEMO.volunteer)).get(`/api/requests/${created.json.id}`)).status).toBe(404);
    expect((await t.agent().get(`/api/requests/${created.json.id}`)).status).toBe(401);
  });

  it.each([
    { case: "a category that does not fit the kind", body: { ...wish, category: "plumbing" }, status: 422 },
    {
      case: "a preferred time ending before it starts",
      body: { ...wish, window: { startsAt: "2026-12-05T10:00:00+08:00", endsAt: "2026-12-05T09:00:00+08:00" } },
      status: 422,
    },
    { case: "an unknown kind", body: { ...wish, kind: "favour" }, status: 400 },
    { case: "an over-long description", body: { ...wish, description: "长".repeat(1001) }, status: 400 },
    { case: "an unknown field", body: { ...wish, priority: 1 }, status: 400 },
  ])("refuses $case ($status)", async ({ body, status }) => {
    expect((await (await t.agent().login(DEMO.resident)).post("/api/requests", body)).status).toBe(status);
  });

  it("a grid worker posts for a resident who cannot; the resident owns it and the proxy is audited", async () => {
    const worker = await t.agent().login(DEMO.gridWorker);
    const ownerUserId = await userIdOf(t, DEMO.resident);
    const created = await worker.post("/api/requests", {
      kind: "service",
      category: "plumbing",
      description: "厨房水管漏水",
      ownerUserId,
    });
    expect(created.status).toBe(201);
    const seen = await (await t.agent().login(DEMO.resident)).get(`/api/requests/${created.json.id}`);
    expect(seen.json).toMatchObject({ proxyRole: "gridWorker", myRoles: expect.arrayContaining(["owner"]) });
    expect(seen.json.timeline).toEqual([
      expect.objectContaining({ action: "create", proxyRole: "gridWorker", note: null }),
    ]);
    const log = await (await t.agent().login(DEMO.communityStaff)).get("/api/audit?communityId=1&limit=3");
    expect(log.json.items.map((e: { action: string }) => e.action)).toContain("request.proxyCreate");
    expect((await (await t.agent().login(DEMO.volunteer)).post("/api/requests", { ...wish, ownerUserId })).status).toBe(
      403,
    );
  });
});

describe("how a request speaks to the people it concerns", () => {
  it("says community staff posted it when community staff did, not a grid worker", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const created = await staff.post("/api/requests", { ...wish, ownerUserId: await userIdOf(t, DEMO.resident) });
    const seen = await (await t.agent().login(DEMO.resident)).get(`/api/requests/${created.json.id}`);
    expect(seen.json.proxyRole).toBe("communityStaff");
    expect(seen.json.timeline[0]).toMatchObject({ action: "create", proxyRole: "communityStaff", note: null });
    const own = await (await t.agent().login(DEMO.resident)).get(`/api/requests/${await post()}`);
    expect(own.json).toMatchObject({ proxyRole: null, timeline: [{ action: "create", proxyRole: null }] });
  });

  it("keeps holder keys out of the timeline and keeps people's reasons", async () => {
    const id = await post();
    const volunteer = await t.agent().login(DEMO.volunteer);
    await volunteer.post(`/api/requests/${id}/claim`);
    await volunteer.post(`/api/requests/${id}/release`, { reason: "临时有事" });
    const seen = await (await t.agent().login(DEMO.resident)).get(`/api/requests/${id}`);
    expect(seen.json.timeline.map((e: { action: string; note: string | null }) => [e.action, e.note])).toEqual([
      ["create", null],
      ["claim", null],
      ["release", "临时有事"],
    ]);
  });

  it("offers 认领 only to people who can hold the request, and shows staff without a volunteer profile how to become a volunteer", async () => {
    const id = await post();
    const worker = await (await t.agent().login(DEMO.gridWorker)).get(`/api/requests/${id}`);
    expect(worker.json.moves).not.toContain("claim");
    expect(worker.json.becomeVolunteer).toBe(true);
    const staffClaim = await (await t.agent().login(DEMO.gridWorker)).post(`/api/requests/${id}/claim`);
    expect(staffClaim.json.error.reason).toBe("not_volunteer");
    const owner = await (await t.agent().login(DEMO.resident)).get(`/api/requests/${id}`);
    expect(owner.json).toMatchObject({ becomeVolunteer: false, moves: ["cancel"] });
  });
});

describe("the loop", () => {
  it("accepted by the grid worker, claimed by a volunteer, done, confirmed with 5 stars, reopened", async () => {
    const id = await post();
    const worker = await t.agent().login(DEMO.gridWorker);
    const resident = await t.agent().login(DEMO.resident);
    expect((await resident.post(`/api/requests/${id}/accept`)).status).toBe(403);
    expect((await worker.post(`/api/requests/${id}/accept`)).json.status).toBe("accepted");
    const volunteer = await t.agent().login(DEMO.volunteer);
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    expect((await volunteer.post(`/api/requests/${id}/claim`)).json).toMatchObject({
      status: "claimed",
      holderKey: `volunteer:${volunteerId}`,
    });
    const [other] = await makeVolunteers(t, 1, "91", { vouched: true });
    const second = await must(other).post(`/api/requests/${id}/claim`);
    expect(second.status).toBe(409);
    expect(second.json.error.reason).toBe("already_held");
    expect((await must(other).post(`/api/requests/${id}/complete`)).status).toBe(403);
    expect((await volunteer.post(`/api/requests/${id}/complete`)).json.status).toBe("done");
    expect((await resident.post(`/api/requests/${id}/confirm`, { rating: 6 })).status).toBe(400);
    expect((await resident.post(`/api/requests/${id}/confirm`, { rating: 5, comment: "很贴心" })).json.status).toBe(
      "closed",
    );
    const closed = await resident.get(`/api/requests/${id}`);
    expect(closed.json).toMatchObject({ closure: "confirmed", rating: 5, ratingComment: "很贴心" });
    expect(closed.json.timeline.map((e: { action: string }) => e.action)).toEqual([
      "create",
      "accept",
      "claim",
      "complete",
      "confirm",
    ]);
    expect((await resident.post(`/api/requests/${id}/reopen`, { reason: "又坏了" })).json.status).toBe("accepted");
  });

  it("assignment (派单): the assignee declines, the request goes back, the history stays", async () => {
    const id = await post();
    const worker = await t.agent().login(DEMO.gridWorker);
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    expect((await worker.post(`/api/requests/${id}/assign`, { holderKey: "volunteer:99999" })).status).toBe(404);
    expect(
      (await worker.post(`/api/requests/${id}/assign`, { holderKey: `volunteer:${volunteerId}` })).json.status,
    ).toBe("assigned");
    const volunteer = await t.agent().login(DEMO.volunteer);
    expect((await volunteer.post(`/api/requests/${id}/respond`, { accept: false })).json).toMatchObject({
      status: "accepted",
      holderKey: null,
    });
    const holds = await t.database.db.select().from(requestHolds).where(eq(requestHolds.requestId, id));
    expect(holds).toEqual([
      expect.objectContaining({
        holderKey: `volunteer:${volunteerId}`,
        how: "assigned",
        endReason: "declineAssignment",
      }),
    ]);
    await worker.post(`/api/requests/${id}/assign`, { holderKey: `volunteer:${volunteerId}` });
    expect((await volunteer.post(`/api/requests/${id}/respond`, { accept: true })).json.status).toBe("claimed");
    expect((await volunteer.post(`/api/requests/${id}/start`)).json.status).toBe("in_progress");
  });

  it("escalates grid → community → street with reasons, rejects with a reason, and the owner cancels", async () => {
    const id = await post();
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.post(`/api/requests/${id}/escalate`, { reason: "需要社区协调" })).json.level).toBe("community");
    expect((await staff.post(`/api/requests/${id}/escalate`, { reason: "需要街道协调" })).json.level).toBe("street");
    expect((await staff.post(`/api/requests/${id}/escalate`, { reason: "再往上" })).json.error.reason).toBe(
      "already_at_top",
    );
    expect((await staff.post(`/api/requests/${id}/reject`, {})).status).toBe(400);
    expect((await staff.post(`/api/requests/${id}/reject`, { reason: "不属于服务范围" })).json.status).toBe("rejected");
    const other = await post();
    const resident = await t.agent().login(DEMO.resident);
    expect((await resident.post(`/api/requests/${other}/cancel`)).json.status).toBe("cancelled");
    expect((await resident.post(`/api/requests/${other}/cancel`)).status).toBe(409);
    expect((await resident.post("/api/requests/99999/cancel")).status).toBe(404);
  });

  it("100 concurrent claims on one request leave exactly one holder", async () => {
    const id = await post();
    const claimers = await makeVolunteers(t, 100, "92", { vouched: true });
    const answers = await Promise.all(claimers.map((v) => v.post(`/api/requests/${id}/claim`)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(99);
    const open = await t.database.db
      .select()
      .from(requestHolds)
      .where(and(eq(requestHolds.requestId, id), isNull(requestHolds.endedAt)));
    expect(open).toHaveLength(1);
  });
});

describe("matching", () => {
  it("ranks candidates for a grid worker, each score broken into parts with reasons; residents may not see it", async () => {
    const id = await (
      await (
        await t.agent().login(DEMO.resident)
      ).post("/api/requests", { kind: "service", category: "companionship", description: "陪老人去医院" })
    ).json.id;
    const worker = await t.agent().login(DEMO.gridWorker);
    const res = await worker.get(`/api/requests/${id}/matches`);
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeGreaterThan(0);
    const [best] = res.json.items;
    expect(best.parts.map((p: { part: string }) => p.part)).toEqual([
      "fit",
      "distance",
      "availability",
      "load",
      "record",
    ]);
    expect(best.parts[0].reason).toBe("has_skills");
    const scores = res.json.items.map((m: { score: number }) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect((await (await t.agent().login(DEMO.resident)).get(`/api/requests/${id}/matches`)).status).toBe(403);
  });

  it("a profile saved after a ranking is in the next one (the candidate cache follows the database)", async () => {
    const id = await (
      await (
        await t.agent().login(DEMO.resident)
      ).post("/api/requests", { kind: "service", category: "legal", description: "咨询遗嘱怎么写" })
    ).json.id;
    const worker = await t.agent().login(DEMO.gridWorker);
    const committee = await t.agent().login(DEMO.committeeMember);
    const committeeId = (await committee.get("/api/me")).json.user.id;
    const keysBefore = (await worker.get(`/api/requests/${id}/matches`)).json.items.map((m: { key: string }) => m.key);
    expect(keysBefore).not.toContain(`volunteer:${committeeId}`);
    const skills = (await t.agent().get("/api/skills")).json.items as { id: number; name: string }[];
    const legal = must(skills.find((s) => s.name === "法律咨询")).id;
    expect(
      (
        await committee.request("PUT", "/api/me/volunteer", {
          homeGridId: null,
          skillIds: [legal],
          availability: [],
          partyStatus: "active",
          partnerUnitId: null,
          publicNameConsent: true,
        })
      ).status,
    ).toBe(200);
    const after = (await worker.get(`/api/requests/${id}/matches`)).json.items;
    const mine = after.find((m: { key: string }) => m.key === `volunteer:${committeeId}`);
    expect(mine.parts[0].reason).toBe("has_skills");
  });
});

describe("teams, offers and partner units in matching", () => {
  it("ranks the care team's haircut offer for a haircut request, and assigning it gives the request to the provider", async () => {
    const id = await (
      await (
        await t.agent().login(DEMO.resident)
      ).post("/api/requests", { kind: "service", category: "haircut", description: "想理个发" })
    ).json.id;
    const worker = await t.agent().login(DEMO.gridWorker);
    const items = (await worker.get(`/api/requests/${id}/matches`)).json.items as {
      key: string;
      kind: string;
      holderKey: string;
      parts: { reason: string }[];
    }[];
    const offer = items.find((m) => m.kind === "offer");
    expect(offer).toBeDefined();
    expect(must(must(offer).parts[0]).reason).toBe("offer_serves_category");
    expect(must(offer).holderKey).toMatch(/^team:\d+$/);
    const assigned = await worker.post(`/api/requests/${id}/assign`, { holderKey: must(offer).holderKey });
    expect(assigned.json).toMatchObject({ status: "assigned", holderKey: must(offer).holderKey });
    const leader = await t.agent().login(DEMO.teamLeader);
    expect((await leader.post(`/api/requests/${id}/respond`, { accept: true })).json.status).toBe("claimed");
  });

  it("an offer published after a ranking is in the next one", async () => {
    const id = await (
      await (
        await t.agent().login(DEMO.resident)
      ).post("/api/requests", { kind: "service", category: "tutoring", description: "孩子英语辅导" })
    ).json.id;
    const worker = await t.agent().login(DEMO.gridWorker);
    const before = (await worker.get(`/api/requests/${id}/matches`)).json.items.map((m: { name: string }) => m.name);
    expect(before).not.toContain("英语角辅导");
    const volunteerId = (await (await t.agent().login(DEMO.volunteer)).get("/api/me")).json.user.id;
    const published = await (await t.agent().login(DEMO.volunteer)).post("/api/communities/1/offers", {
      providerKey: `volunteer:${volunteerId}`,
      category: "tutoring",
      title: "英语角辅导",
      description: "",
      placeKind: "service_point",
      place: "活动室",
      schedule: "周三晚",
      slots: [{ startsAt: "2026-12-09T19:00:00+08:00", endsAt: "2026-12-09T20:00:00+08:00", capacity: 3 }],
    });
    expect(published.status).toBe(201);
    const after = (await worker.get(`/api/requests/${id}/matches`)).json.items.map((m: { name: string }) => m.name);
    expect(after).toContain("英语角辅导");
  });

  it("community staff act for a partner unit of their community as holder", async () => {
    const id = await (
      await (
        await t.agent().login(DEMO.resident)
      ).post("/api/requests", { kind: "service", category: "health", description: "量血压" })
    ).json.id;
    const units = (await t.agent().get("/api/communities/1/partner-units")).json.items;
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.post(`/api/requests/${id}/assign`, { holderKey: `partner:${units[0].id}` })).json.status).toBe(
      "assigned",
    );
    expect((await staff.post(`/api/requests/${id}/respond`, { accept: true })).json.status).toBe("claimed");
  });
});
