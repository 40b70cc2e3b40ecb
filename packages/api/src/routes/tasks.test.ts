import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNotNull, ne } from "drizzle-orm";
import { accessLog, requests } from "../db/schema";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { leaderTeam, makeVolunteers, publishedActivity, shiftOn, userIdOf } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

type Task = {
  id: number;
  status: string;
  next: string | null;
  place: string | null;
  ownerName: string;
  team: string | null;
  booking: string | null;
  startsAt: string | null;
};

const post = async (body: Record<string, unknown>) =>
  (await (await t.agent().login(DEMO.resident)).post("/api/requests", body)).json.id as number;
const tasks = async (agent: Agent, query = "") =>
  (await agent.get(`/api/me/tasks/requests${query}`)).json as { items: Task[]; nextCursor: string | null };
const taskOf = async (agent: Agent, id: number) => (await tasks(agent, "?limit=100")).items.find((i) => i.id === id);

describe("我的任务: the requests a volunteer holds", () => {
  it("a request claimed from the feed leaves the feed and is under 我的任务 with its next move until the resident confirms it", async () => {
    const id = await post({
      kind: "wish",
      category: "item",
      description: "想要一个助行器",
      window: { startsAt: "2026-12-02T09:00:00+08:00", endsAt: "2026-12-02T11:00:00+08:00" },
    });
    const volunteer = await t.agent().login(DEMO.volunteer);
    expect((await volunteer.get("/api/me/request-feed")).json.items.map((r: { id: number }) => r.id)).toContain(id);
    await volunteer.post(`/api/requests/${id}/claim`);
    expect((await volunteer.get("/api/me/request-feed")).json.items.map((r: { id: number }) => r.id)).not.toContain(id);
    expect(await taskOf(volunteer, id)).toMatchObject({
      status: "claimed",
      next: "start",
      ownerName: "郑*兰",
      startsAt: "2026-12-02T09:00:00.000+08:00",
      booking: null,
      place: expect.any(String),
    });
    await volunteer.post(`/api/requests/${id}/start`);
    expect(must(await taskOf(volunteer, id)).next).toBe("complete");
    await volunteer.post(`/api/requests/${id}/complete`);
    expect(await taskOf(volunteer, id)).toMatchObject({ status: "done", next: null });
    await (await t.agent().login(DEMO.resident)).post(`/api/requests/${id}/confirm`, { rating: 5 });
    expect(await taskOf(volunteer, id)).toBeUndefined();
  });

  it("shows the building, never the door or the full name (those are on the request's page), and writes each building shown to the access log", async () => {
    const visit = await post({ kind: "service", category: "plumbing", description: "水管漏水" });
    const volunteer = await t.agent().login(DEMO.volunteer);
    await volunteer.post(`/api/requests/${visit}/claim`);
    const listed = await taskOf(volunteer, visit);
    const page = (await volunteer.get(`/api/requests/${visit}`)).json;
    expect(page.owner.door).not.toBeNull();
    expect(listed).toMatchObject({ place: page.owner.address, ownerName: "郑*兰" });
    expect(JSON.stringify(listed)).not.toContain(page.owner.door);
    const reads = await t.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.entity, "request"), eq(accessLog.entityId, visit)));
    expect(reads.map((r) => r.fields)).toContain("address");
    await volunteer.post(`/api/requests/${visit}/release`);
  });

  it("an assignment waits for the volunteer's answer; a team's request is under its leader's tasks with the team's name", async () => {
    const worker = await t.agent().login(DEMO.gridWorker);
    const toVolunteer = await post({ kind: "wish", category: "item", description: "轮椅" });
    await worker.post(`/api/requests/${toVolunteer}/assign`, {
      holderKey: `volunteer:${await userIdOf(t, DEMO.volunteer)}`,
    });
    expect(await taskOf(await t.agent().login(DEMO.volunteer), toVolunteer)).toMatchObject({
      status: "assigned",
      next: "acceptAssignment",
    });
    const { leader, teamId } = await leaderTeam(t);
    const toTeam = await post({ kind: "wish", category: "item", description: "拐杖" });
    await worker.post(`/api/requests/${toTeam}/assign`, { holderKey: `team:${teamId}` });
    expect(await taskOf(leader, toTeam)).toMatchObject({ status: "assigned", team: "和平社区暖心帮扶志愿服务队" });
    expect(await taskOf(await t.agent().login(DEMO.volunteer), toTeam)).toBeUndefined();
  });

  it("a resident's booking on the leader's team offer is there with the slot's time and the service point", async () => {
    const { leader, teamId } = await leaderTeam(t);
    const slot = { startsAt: "2026-12-06T09:00:00+08:00", endsAt: "2026-12-06T11:00:00+08:00", capacity: 3 };
    const offer = await leader.post("/api/communities/1/offers", {
      providerKey: `team:${teamId}`,
      category: "haircut",
      title: "周日义剪",
      description: "理发",
      placeKind: "service_point",
      place: "党群服务中心",
      schedule: "周日上午",
      slots: [slot],
    });
    const booked = await (await t.agent().login(DEMO.resident)).post(
      `/api/offer-slots/${offer.json.slotIds[0]}/bookings`,
    );
    expect(await taskOf(leader, booked.json.requestId)).toMatchObject({
      booking: "周日义剪",
      startsAt: "2026-12-06T09:00:00.000+08:00",
      place: "党群服务中心",
      next: "start",
    });
  });

  it("lists only the reader's own holds, never another community's or another volunteer's, and nothing for a fresh volunteer", async () => {
    const volunteer = await t.agent().login(DEMO.volunteer);
    const mine = new Set((await tasks(volunteer, "?limit=100")).items.map((i) => i.id));
    const others = await t.database.db
      .select({ id: requests.id, communityId: requests.communityId })
      .from(requests)
      .where(
        and(isNotNull(requests.holderKey), ne(requests.holderKey, `volunteer:${await userIdOf(t, DEMO.volunteer)}`)),
      );
    expect(others.some((r) => r.communityId !== 1)).toBe(true);
    expect(others.filter((r) => mine.has(r.id))).toEqual([]);
    const [fresh] = await makeVolunteers(t, 1, "71");
    expect(await tasks(must(fresh))).toEqual({ items: [], nextCursor: null });
    expect((await t.agent().get("/api/me/tasks/requests")).status).toBe(401);
  });

  it("pages newest first by cursor without repeating a request", async () => {
    const [volunteer] = await makeVolunteers(t, 1, "73", { vouched: true });
    const held = [];
    for (const description of ["一", "二", "三"]) {
      const id = await post({ kind: "wish", category: "item", description });
      await must(volunteer).post(`/api/requests/${id}/claim`);
      held.push(id);
    }
    const first = await tasks(must(volunteer), "?limit=2");
    const second = await tasks(must(volunteer), `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(held.reverse());
    expect(second.nextCursor).toBeNull();
    expect((await must(volunteer).get("/api/me/tasks/requests?cursor=nonsense")).status).toBe(400);
  });
});

describe("我的任务: the shifts a volunteer signed up for", () => {
  it("lists shifts not yet ended soonest first, with the waitlist position, by cursor", async () => {
    const { shiftIds } = await publishedActivity(t, [
      shiftOn("2026-12-05", "09:00", "11:00", 5),
      shiftOn("2026-12-12", "09:00", "11:00", 1),
      shiftOn("2026-12-19", "09:00", "11:00", 5),
    ]);
    const [first, second] = await makeVolunteers(t, 2, "72");
    for (const id of shiftIds) await must(first).post(`/api/shifts/${id}/signups`);
    await must(second).post(`/api/shifts/${shiftIds[1]}/signups`);
    const waiting = (await must(second).get("/api/me/tasks/shifts")).json;
    expect(waiting.items).toEqual([
      expect.objectContaining({
        shiftId: shiftIds[1],
        status: "waitlisted",
        position: 1,
        place: "幸福敬老院",
        startsAt: "2026-12-12T09:00:00.000+08:00",
      }),
    ]);
    const a = (await must(first).get("/api/me/tasks/shifts?limit=2")).json;
    expect(a.items.map((i: { shiftId: number }) => i.shiftId)).toEqual([shiftIds[0], shiftIds[1]]);
    const b = (await must(first).get(`/api/me/tasks/shifts?limit=2&cursor=${a.nextCursor}`)).json;
    expect(b).toEqual({
      items: [expect.objectContaining({ shiftId: shiftIds[2], status: "confirmed", position: null })],
      nextCursor: null,
    });
    t.clock.ms = Date.parse("2026-12-05T12:00:00+08:00");
    expect(
      (await must(first).get("/api/me/tasks/shifts")).json.items.map((i: { shiftId: number }) => i.shiftId),
    ).toEqual([shiftIds[1], shiftIds[2]]);
  });

  it("says a volunteer checked out once they did, not still checked in", async () => {
    const { leader, shiftIds } = await publishedActivity(t, [shiftOn("2026-12-26", "09:00", "11:00", 5)]);
    const [volunteer] = await makeVolunteers(t, 1, "74");
    await must(volunteer).post(`/api/shifts/${shiftIds[0]}/signups`);
    const scanAt = async (time: string) => {
      t.clock.ms = Date.parse(`2026-12-26T${time}:00+08:00`);
      const { token } = (await leader.post(`/api/shifts/${shiftIds[0]}/qr`)).json.codes[0];
      return must(volunteer).post(`/api/shifts/${shiftIds[0]}/checkins`, { token });
    };
    await scanAt("09:05");
    expect((await must(volunteer).get("/api/me/tasks/shifts")).json.items[0]).toMatchObject({
      checkedIn: true,
      checkedOut: false,
    });
    expect((await scanAt("10:30")).json.checkOutAt).not.toBeNull();
    expect((await must(volunteer).get("/api/me/tasks/shifts")).json.items[0]).toMatchObject({
      checkedIn: true,
      checkedOut: true,
    });
  });
});
