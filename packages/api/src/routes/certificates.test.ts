import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, between, eq, isNull, ne, sql } from "drizzle-orm";
import {
  CERTIFICATE_CODE_ALPHABET,
  CERTIFICATE_ISSUE_POLICY,
  CERTIFICATE_LOOKUP_POLICY,
  certifiedHours,
  maskName,
  must,
} from "@tongxin/core";
import { Sessions } from "../auth/session";
import { auditLog, serviceHours, users, volunteers } from "../db/schema";
import { DEMO_CERTIFICATE_CODE } from "../seed/certificates";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { makeVolunteers, userIdOf } from "../../test/volunteering";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const YEAR = { from: "2026-01-01", to: "2026-11-27" };

/** Confirmed, unvoided minutes of a volunteer in the period, straight from the hours table. */
async function minutesIn(userId: number, period = YEAR) {
  const [row] = await t.database.db
    .select({ minutes: sql<number>`coalesce(sum(${serviceHours.minutes}), 0)` })
    .from(serviceHours)
    .where(
      and(
        eq(serviceHours.userId, userId),
        between(serviceHours.serviceDate, period.from, period.to),
        isNull(serviceHours.voidedAt),
      ),
    );
  return Number(must(row).minutes);
}

/** A seeded volunteer of another community than the demo accounts', with confirmed hours this year, signed in. */
async function outsider(): Promise<{ id: number; agent: Agent }> {
  const [row] = await t.database.db
    .select({ id: volunteers.userId })
    .from(volunteers)
    .innerJoin(serviceHours, eq(serviceHours.userId, volunteers.userId))
    .where(and(ne(volunteers.communityId, 1), between(serviceHours.serviceDate, YEAR.from, YEAR.to)))
    .orderBy(asc(volunteers.userId))
    .limit(1);
  const id = must(row).id;
  const cookie = await new Sessions(t.database).create(id);
  const agent = t.agent();
  agent.cookie = `${cookie.name}=${cookie.value}`;
  return { id, agent };
}

describe("a volunteer's own certificate", () => {
  it("certifies the confirmed hours of the period, with the activities and the issuing community", async () => {
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    const res = await (await t.agent().login(DEMO.volunteer)).post("/api/me/certificates", YEAR);
    expect(res.status).toBe(201);
    const minutes = await minutesIn(volunteerId);
    expect(minutes).toBeGreaterThan(0);
    expect(res.json).toMatchObject({
      name: "吴思远",
      community: "和平社区",
      from: YEAR.from,
      to: YEAR.to,
      minutes,
      hours: certifiedHours(minutes),
    });
    expect(res.json.code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(res.json.activityCount).toBe(res.json.activities.length);
    const listed = res.json.activities.reduce((sum: number, a: { minutes: number }) => sum + a.minutes, 0);
    expect(listed).toBe(minutes);
    expect(res.json.activities[0].dates[0] >= YEAR.from).toBe(true);
  });

  it("the holder reads it back to print; nobody else outside its community does", async () => {
    const volunteer = await t.agent().login(DEMO.volunteer);
    const issued = await volunteer.post("/api/me/certificates", YEAR);
    const path = `/api/certificates/${issued.json.id}`;
    expect((await volunteer.get(path)).json).toEqual(issued.json);
    expect(
      (
        await t
          .agent()
          .login(DEMO.communityStaff)
          .then((a) => a.get(path))
      ).status,
    ).toBe(200);
    expect((await t.agent().get(path)).status).toBe(401);
    expect((await (await outsider()).agent.get(path)).status).toBe(403);
    expect(
      (
        await t
          .agent()
          .login(DEMO.resident)
          .then((a) => a.get(path))
      ).status,
    ).toBe(403);
    expect((await volunteer.get("/api/certificates/999999")).status).toBe(404);
  });

  it.each([
    { case: "a period ending before it starts", body: { from: "2026-06-01", to: "2026-05-31" }, field: "to" },
    { case: "a period ending after today", body: { from: "2026-11-01", to: "2026-11-28" }, field: "to" },
    { case: "a period over five years", body: { from: "2021-11-27", to: "2026-11-27" }, field: "from" },
  ])("refuses $case with 422 on the field $field", async ({ body, field }) => {
    const res = await (await t.agent().login(DEMO.volunteer)).post("/api/me/certificates", body);
    expect(res.status).toBe(422);
    expect(res.json.error.issues).toEqual([expect.objectContaining({ path: field, code: res.json.error.reason })]);
  });

  it.each([
    { case: "a day that does not exist", body: { from: "2026-02-30", to: "2026-03-01" }, field: "from" },
    { case: "a time instead of a day", body: { from: "2026-01-01", to: "2026-03-01T00:00" }, field: "to" },
    { case: "an unknown field", body: { ...YEAR, userId: 1 }, field: "userId" },
  ])("refuses $case with 400 naming the field", async ({ body, field }) => {
    const res = await (await t.agent().login(DEMO.volunteer)).post("/api/me/certificates", body);
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it("refuses a period without confirmed hours, and a resident with no volunteer profile", async () => {
    const volunteer = await t.agent().login(DEMO.volunteer);
    const empty = await volunteer.post("/api/me/certificates", { from: "2020-01-01", to: "2020-12-31" });
    expect(empty.status).toBe(422);
    expect(empty.json.error.reason).toBe("no_hours_in_period");
    const resident = await (await t.agent().login(DEMO.resident)).post("/api/me/certificates", YEAR);
    expect(resident.json.error.reason).toBe("not_volunteer");
    expect((await t.agent().post("/api/me/certificates", YEAR)).status).toBe(401);
  });
});

describe("certificates staff issue", () => {
  it("community staff issue one for a volunteer of their community, and the audit log says who, for whom and what", async () => {
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    const res = await (await t.agent().login(DEMO.communityStaff)).post(
      `/api/volunteers/${volunteerId}/certificates`,
      YEAR,
    );
    expect(res.status).toBe(201);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "certificate.issue"), eq(auditLog.entityId, res.json.id)));
    expect(audit).toMatchObject({ actorUserId: await userIdOf(t, DEMO.communityStaff), communityId: 1 });
    expect(JSON.parse(must(audit).after ?? "{}")).toMatchObject({ userId: volunteerId, minutes: res.json.minutes });
  });

  it("a volunteer's own certificate is no staff act: it leaves no audit row", async () => {
    const issued = await (await t.agent().login(DEMO.volunteer)).post("/api/me/certificates", YEAR);
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, issued.json.id));
    expect(rows.filter((r) => r.entity === "certificate")).toEqual([]);
  });

  it("issues at most a day's number of certificates for one holder, whoever asks", async () => {
    const [volunteer] = await makeVolunteers(t, 1, "781");
    const [user] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.name, "测试7810"));
    for (let i = 0; i < CERTIFICATE_ISSUE_POLICY.limit; i++)
      expect((await must(volunteer).post("/api/me/certificates", YEAR)).json.error.reason).toBe("no_hours_in_period");
    const mine = await must(volunteer).post("/api/me/certificates", YEAR);
    expect(mine.status).toBe(429);
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.post(`/api/volunteers/${must(user).id}/certificates`, YEAR)).status).toBe(429);
    t.clock.ms += CERTIFICATE_ISSUE_POLICY.windowMs;
    expect((await must(volunteer).post("/api/me/certificates", YEAR)).json.error.reason).toBe("no_hours_in_period");
    t.clock.ms -= CERTIFICATE_ISSUE_POLICY.windowMs;
  });

  it("refuses a volunteer of another community (403), an unknown one (404), and everyone without a staff role", async () => {
    const other = await outsider();
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.post(`/api/volunteers/${other.id}/certificates`, YEAR)).status).toBe(403);
    expect((await staff.post("/api/volunteers/999999/certificates", YEAR)).status).toBe(404);
    for (const phone of [DEMO.resident, DEMO.teamLeader, DEMO.committeeMember])
      expect(
        (await (await t.agent().login(phone)).post(`/api/volunteers/${volunteerId}/certificates`, YEAR)).status,
      ).toBe(403);
    expect((await other.agent.post(`/api/volunteers/${volunteerId}/certificates`, YEAR)).status).toBe(403);
    expect((await t.agent().post(`/api/volunteers/${volunteerId}/certificates`, YEAR)).status).toBe(401);
  });

  it("the street admin issues for a volunteer of any community of the street", async () => {
    const other = await outsider();
    const res = await (await t.agent().login(DEMO.streetAdmin)).post(`/api/volunteers/${other.id}/certificates`, YEAR);
    expect(res.status).toBe(201);
    expect(res.json.minutes).toBe(await minutesIn(other.id));
  });
});

/** A well-formed code nobody was given. */
const missCode = (i: number) =>
  `QQQQQQQQ${CERTIFICATE_CODE_ALPHABET.charAt(i % CERTIFICATE_CODE_ALPHABET.length)}${CERTIFICATE_CODE_ALPHABET.charAt(Math.floor(i / CERTIFICATE_CODE_ALPHABET.length))}`;

describe("public verification", () => {
  it("shows the facts with the name masked and nothing else: no phone, no id, no activities", async () => {
    const issued = await (await t.agent().login(DEMO.volunteer)).post("/api/me/certificates", YEAR);
    const res = await t.agent().get(`/api/public/certificates/${issued.json.code}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      name: maskName("吴思远"),
      community: "和平社区",
      from: YEAR.from,
      to: YEAR.to,
      hours: issued.json.hours,
      issuedAt: issued.json.issuedAt,
    });
    expect(JSON.stringify(res.json)).not.toContain(DEMO.volunteer);
  });

  it("reads a code typed in lower case with spaces; an unknown or malformed code is 404", async () => {
    const issued = await (await t.agent().login(DEMO.volunteer)).post("/api/me/certificates", YEAR);
    const typed = `${issued.json.code.slice(0, 5)} ${issued.json.code.slice(5)}`.toLowerCase();
    expect((await t.agent().get(`/api/public/certificates/${encodeURIComponent(typed)}`)).status).toBe(200);
    expect((await t.agent().get("/api/public/certificates/2222222222")).status).toBe(404);
    expect((await t.agent().get("/api/public/certificates/O0O0O0O0O0")).status).toBe(404);
  });

  it("still says what was certified after hours of the period are voided; a new certificate says less", async () => {
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    const volunteer = await t.agent().login(DEMO.volunteer);
    const before = await volunteer.post("/api/me/certificates", YEAR);
    const [entry] = await t.database.db
      .select({ id: serviceHours.id, minutes: serviceHours.minutes })
      .from(serviceHours)
      .where(
        and(
          eq(serviceHours.userId, volunteerId),
          between(serviceHours.serviceDate, YEAR.from, YEAR.to),
          isNull(serviceHours.voidedAt),
          sql`${serviceHours.minutes} > 0`,
        ),
      )
      .limit(1);
    await t.database.db
      .update(serviceHours)
      .set({ voidedAt: t.clock.ms, voidedBy: volunteerId, voidReason: "测试作废" })
      .where(eq(serviceHours.id, must(entry).id));
    expect((await volunteer.get(`/api/certificates/${before.json.id}`)).json.minutes).toBe(before.json.minutes);
    expect((await t.agent().get(`/api/public/certificates/${before.json.code}`)).json.hours).toBe(before.json.hours);
    const after = await volunteer.post("/api/me/certificates", YEAR);
    expect(after.json.minutes).toBe(before.json.minutes - must(entry).minutes);
    expect(after.json.code).not.toBe(before.json.code);
  });

  it("limits misses per address: found codes cost nothing, and once blocked a good code is refused too", async () => {
    const issued = await (await t.agent().login(DEMO.volunteer)).post("/api/me/certificates", YEAR);
    const guesser = t.agent();
    guesser.headers["x-forwarded-for"] = "10.77.0.1";
    for (let i = 0; i < CERTIFICATE_LOOKUP_POLICY.limit + 5; i++)
      expect((await guesser.get(`/api/public/certificates/${issued.json.code}`)).status).toBe(200);
    for (let i = 0; i < CERTIFICATE_LOOKUP_POLICY.limit; i++)
      expect((await guesser.get(`/api/public/certificates/${missCode(i)}`)).status).toBe(404);
    const blocked = await guesser.get(`/api/public/certificates/${issued.json.code}`);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    const elsewhere = t.agent();
    elsewhere.headers["x-forwarded-for"] = "10.77.0.2";
    expect((await elsewhere.get(`/api/public/certificates/${issued.json.code}`)).status).toBe(200);
  });

  it("counts an IPv6 guesser's misses by its /64: hopping addresses inside it buys no more tries", async () => {
    const issued = await (await t.agent().login(DEMO.volunteer)).post("/api/me/certificates", YEAR);
    const from = (address: string) => {
      const agent = t.agent();
      agent.headers["x-forwarded-for"] = address;
      return agent;
    };
    for (let i = 0; i < CERTIFICATE_LOOKUP_POLICY.limit; i++)
      expect((await from(`2001:db8:77:1::${i + 1}`).get(`/api/public/certificates/${missCode(i)}`)).status).toBe(404);
    expect((await from("2001:db8:77:1:ffff::9").get(`/api/public/certificates/${issued.json.code}`)).status).toBe(429);
    expect((await from("2001:db8:77:2::1").get(`/api/public/certificates/${issued.json.code}`)).status).toBe(200);
  });
});

describe("the demo street", () => {
  it("holds the demo volunteer's certificate of the last year, which verifies publicly", async () => {
    const res = await t.agent().get(`/api/public/certificates/${DEMO_CERTIFICATE_CODE}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: maskName("吴思远"), community: "和平社区", to: "2026-11-27" });
    expect(res.json.hours).toBeGreaterThan(0);
  });
});
