import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { offerSlots } from "../db/schema";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { userIdOf } from "../../test/volunteering";
import { hashPassword } from "../auth/password";
import { Sessions } from "../auth/session";
import { roleGrants, users } from "../db/schema";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const slot = (day: string, capacity = 2) => ({
  startsAt: `${day}T09:00:00+08:00`,
  endsAt: `${day}T11:00:00+08:00`,
  capacity,
});
const haircut = (providerKey: string, slots = [slot("2026-12-05")]) => ({
  providerKey,
  category: "haircut",
  title: "爱心义剪",
  description: "每周六上午",
  placeKind: "service_point",
  place: "党群服务中心",
  schedule: "每周六 9:00–11:00",
  slots,
});

let made = 0;

/** Residents of community 1 with sessions, made straight in the database. */
async function residents(n: number) {
  const passwordHash = await hashPassword("unused-1");
  const sessions = new Sessions(t.database);
  const agents = [];
  for (let i = 0; i < n; i++) {
    const [u] = await t.database.db
      .insert(users)
      .values({
        phone: `1470000${String(made).padStart(4, "0")}`,
        name: `居民${made++}`,
        passwordHash,
        communityId: 1,
        createdAt: t.clock.ms,
      })
      .returning({ id: users.id });
    await t.database.db
      .insert(roleGrants)
      .values({ userId: must(u).id, role: "resident", scopeKind: "community", scopeId: 1, createdAt: t.clock.ms });
    const cookie = await sessions.create(must(u).id);
    const agent = t.agent();
    agent.cookie = `${cookie.name}=${cookie.value}`;
    agents.push(agent);
  }
  return agents;
}

describe("offers (资源清单) and booking", () => {
  it("a volunteer publishes their own offer, a team leader their team's; nobody publishes for others", async () => {
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    const volunteer = await t.agent().login(DEMO.volunteer);
    expect((await volunteer.post("/api/communities/1/offers", haircut(`volunteer:${volunteerId}`))).status).toBe(201);
    const leader = await t.agent().login(DEMO.teamLeader);
    const teamId = (await leader.get("/api/me")).json.roles.find(
      (r: { role: string }) => r.role === "teamLeader",
    ).scopeId;
    expect((await leader.post("/api/communities/1/offers", haircut(`team:${teamId}`))).status).toBe(201);
    expect((await volunteer.post("/api/communities/1/offers", haircut(`team:${teamId}`))).status).toBe(403);
    expect((await leader.post("/api/communities/1/offers", haircut(`volunteer:${volunteerId}`))).status).toBe(403);
    expect(
      (await volunteer.post("/api/communities/1/offers", { ...haircut(`volunteer:${volunteerId}`), category: "item" }))
        .status,
    ).toBe(422);
    expect(
      (await volunteer.post("/api/communities/1/offers", haircut(`volunteer:${volunteerId}`, [slot("2026-11-01")])))
        .status,
    ).toBe(422);
    expect(
      (
        await volunteer.post("/api/communities/1/offers", {
          ...haircut(`volunteer:${volunteerId}`),
          providerKey: "mayor:1",
        })
      ).status,
    ).toBe(400);
  });

  it("the service card lists offers with places left; booking creates a request held by the provider; no double booking", async () => {
    const leader = await t.agent().login(DEMO.teamLeader);
    const teamId = (await leader.get("/api/me")).json.roles.find(
      (r: { role: string }) => r.role === "teamLeader",
    ).scopeId;
    const offer = await leader.post("/api/communities/1/offers", {
      ...haircut(`team:${teamId}`, [slot("2026-12-06", 1)]),
      title: "上门理发",
    });
    const card = await t.agent().get("/api/communities/1/offers");
    const listed = card.json.items.find((o: { id: number }) => o.id === offer.json.id);
    expect(listed).toMatchObject({ provider: "和平社区暖心帮扶志愿服务队", slots: [{ placesLeft: 1 }] });
    const resident = await t.agent().login(DEMO.resident);
    const booked = await resident.post(`/api/offer-slots/${offer.json.slotIds[0]}/bookings`);
    expect(booked.status).toBe(201);
    const request = await resident.get(`/api/requests/${booked.json.requestId}`);
    expect(request.json).toMatchObject({ status: "claimed", holderKey: `team:${teamId}`, category: "haircut" });
    expect((await resident.post(`/api/offer-slots/${offer.json.slotIds[0]}/bookings`)).json.error.reason).toBe(
      "already_booked",
    );
    const [other] = await residents(1);
    expect((await must(other).post(`/api/offer-slots/${offer.json.slotIds[0]}/bookings`)).json.error.reason).toBe(
      "slot_full",
    );
    expect((await t.agent().post(`/api/offer-slots/${offer.json.slotIds[0]}/bookings`)).status).toBe(401);
  });

  it("30 residents booking a 5-place slot at once: exactly 5 get it", async () => {
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    const offer = await (await t.agent().login(DEMO.volunteer)).post(
      "/api/communities/1/offers",
      haircut(`volunteer:${volunteerId}`, [slot("2026-12-07", 5)]),
    );
    const people = await residents(30);
    const answers = await Promise.all(people.map((p) => p.post(`/api/offer-slots/${offer.json.slotIds[0]}/bookings`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(25);
    const [s] = await t.database.db.select().from(offerSlots).where(eq(offerSlots.id, offer.json.slotIds[0]));
    expect(must(s).booked).toBe(5);
  });
});
