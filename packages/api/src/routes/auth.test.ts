import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { sessionIdOf } from "../auth/session";
import { sessions } from "../db/schema";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const newResident = (phone: string, over: Record<string, unknown> = {}) => ({
  phone,
  password: "secret123",
  name: "林小雨",
  communityId: 1,
  ...over,
});

describe("registration", () => {
  it("a new resident registers, is signed in, and holds the resident role in their community", async () => {
    const agent = t.agent();
    const res = await agent.post("/api/auth/register", newResident("13700000001", { buildingId: 1 }));
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ phone: "13700000001", name: "林小雨", communityId: 1 });
    const me = await agent.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.json.roles).toEqual([
      { role: "resident", scopeKind: "community", scopeId: 1, scopeName: "和平社区", communityId: 1 },
    ]);
  });

  it("refuses a phone that already has an account with 409", async () => {
    const res = await t.agent().post("/api/auth/register", newResident(DEMO.resident));
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "conflict", reason: "phone_taken" });
  });

  it("refuses a building of another community with 422", async () => {
    const res = await t
      .agent()
      .post("/api/auth/register", newResident("13700000002", { communityId: 2, buildingId: 1 }));
    expect(res.status).toBe(422);
    expect(res.json.error.reason).toBe("wrong_community");
  });

  it("answers 404 for a community that does not exist", async () => {
    const res = await t.agent().post("/api/auth/register", newResident("13700000003", { communityId: 999 }));
    expect(res.status).toBe(404);
  });

  it.each([
    { case: "a malformed phone", body: newResident("1380000"), path: "phone", code: "invalid_format" },
    {
      case: "a short password",
      body: newResident("13700000004", { password: "a1" }),
      path: "password",
      code: "too_short",
    },
    {
      case: "a password without digits",
      body: newResident("13700000004", { password: "abcdefghij" }),
      path: "password",
      code: "needs_letter_and_digit",
    },
    {
      case: "an over-long name",
      body: newResident("13700000004", { name: "名".repeat(31) }),
      path: "name",
      code: "too_long",
    },
    {
      case: "a number where a string belongs",
      body: newResident("13700000004", { name: 42 }),
      path: "name",
      code: "invalid_type",
    },
    {
      case: "a string where an id belongs",
      body: newResident("13700000004", { communityId: "1" }),
      path: "communityId",
      code: "invalid_type",
    },
    {
      case: "an unknown field",
      body: newResident("13700000004", { isAdmin: true }),
      path: "isAdmin",
      code: "unknown_field",
    },
    {
      case: "a missing name",
      body: { phone: "13700000004", password: "secret123", communityId: 1 },
      path: "name",
      code: "required",
    },
  ])("answers 400 naming the field for $case", async ({ body, path, code }) => {
    const res = await t.agent().post("/api/auth/register", body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_input");
    expect(res.json.error.issues).toContainEqual(expect.objectContaining({ path, code }));
  });

  it.each([
    { case: "malformed JSON", body: '{"phone": "138', type: "application/json" },
    { case: "a JSON array", body: "[1,2]", type: "application/json" },
    { case: "a form body", body: "phone=1", type: "application/x-www-form-urlencoded" },
  ])("answers 400 in the shared shape for $case, never 500", async ({ body, type }) => {
    const res = await t.agent().request("POST", "/api/auth/register", body, { "content-type": type });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_input");
  });

  it("answers 413 for a body over 64 KiB", async () => {
    const res = await t.agent().post("/api/auth/register", newResident("13700000005", { name: "x".repeat(70_000) }));
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("too_large");
  });
});

describe("sessions", () => {
  it("each demo account signs in and sees its role", async () => {
    for (const [role, phone] of Object.entries(DEMO)) {
      const agent = await t.agent().login(phone);
      const me = await agent.get("/api/me");
      expect(me.json.user.phone).toBe(phone);
      expect(me.json.roles.map((r: { role: string }) => r.role)).toContain(role.replace(/\d$/, ""));
    }
  });

  it("the cookie is HttpOnly and SameSite=Lax, and only the token's SHA-256 is stored", async () => {
    const agent = t.agent();
    const res = await agent.post("/api/auth/login", { phone: DEMO.volunteer, password: "demo12345" });
    const cookie = must(res.headers.get("set-cookie"));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = must(must(agent.cookie).split("=")[1]);
    const db = t.database.db;
    expect(await db.select().from(sessions).where(eq(sessions.id, token))).toEqual([]);
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(token))),
    ).toHaveLength(1);
  });

  it("the cookie is Secure when the site is not served from localhost", async () => {
    const res = await t.app.request("https://tongxin.example.cn/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://tongxin.example.cn" },
      body: JSON.stringify({ phone: DEMO.volunteer, password: "demo12345" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("answers 400 naming the field for a malformed phone at login", async () => {
    const res = await t.agent().post("/api/auth/login", { phone: "12345", password: "demo12345" });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([expect.objectContaining({ path: "phone", code: "invalid_format" })]);
  });

  it("answers 401 without a session", async () => {
    const res = await t.agent().get("/api/me");
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthenticated");
  });

  it("logout ends the session for good", async () => {
    const agent = await t.agent().login(DEMO.committeeMember);
    const stolen = agent.cookie;
    expect((await agent.post("/api/auth/logout")).status).toBe(200);
    const replay = t.agent();
    replay.cookie = stolen;
    expect((await replay.get("/api/me")).status).toBe(401);
  });

  it("changing the password ends every other session and keeps the caller signed in", async () => {
    const phone = "13700000010";
    const first = t.agent();
    await first.post("/api/auth/register", newResident(phone));
    const second = await t.agent().login(phone, "secret123");
    const res = await first.post("/api/auth/password", { currentPassword: "secret123", newPassword: "newpass456" });
    expect(res.status).toBe(200);
    expect((await second.get("/api/me")).status).toBe(401);
    expect((await first.get("/api/me")).status).toBe(200);
    await t.agent().login(phone, "newpass456");
  });

  it("refuses a wrong current password with 422", async () => {
    const agent = await t.agent().login(DEMO.teamLeader);
    const res = await agent.post("/api/auth/password", { currentPassword: "nope12345", newPassword: "newpass456" });
    expect(res.status).toBe(422);
  });

  it("refuses a state change from another site with 403", async () => {
    const agent = await t.agent().login(DEMO.communityStaff);
    const res = await agent.post("/api/communities/1/grids", { name: "跨站网格" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    const grids = await t.agent().get("/api/communities/1/grids?limit=100");
    expect(grids.json.items.map((g: { name: string }) => g.name)).not.toContain("跨站网格");
  });
});

describe("sliding 30-day expiry", () => {
  afterEach(() => vi.useRealTimers());

  it("a session used within 30 days is extended; one left alone for 30 days ends", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    const active = await t.agent().login(DEMO.resident);
    const idle = await t.agent().login(DEMO.resident);

    vi.setSystemTime(new Date("2026-01-20T00:00:00Z"));
    const refreshed = await active.get("/api/me");
    expect(refreshed.status).toBe(200);
    const maxAgeSeconds = Number(/Max-Age=(\d+)/.exec(refreshed.headers.get("set-cookie") ?? "")?.[1]);
    expect(maxAgeSeconds).toBeGreaterThan(29 * 86_400);

    vi.setSystemTime(new Date("2026-02-05T00:00:00Z"));
    expect((await active.get("/api/me")).status).toBe(200);
    expect((await idle.get("/api/me")).status).toBe(401);
  });
});

const from = (address: string) => {
  const agent = t.agent();
  agent.headers["x-forwarded-for"] = address;
  return agent;
};
const guess = (agent: ReturnType<typeof from>, phone: string, password = "wrong1234") =>
  agent.post("/api/auth/login", { phone, password });
const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((n, s) => ({ ...n, [s]: (n[s] ?? 0) + 1 }), {});

describe("login rate limits", () => {
  it("locks a phone on one address after five failures with 429, even for the right password, but not the owner elsewhere", async () => {
    const agent = from("10.0.0.1");
    for (let i = 0; i < 5; i++) expect((await guess(agent, DEMO.gridWorker)).status).toBe(401);
    const locked = await guess(agent, DEMO.gridWorker, "demo12345");
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe("rate_limited");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await guess(from("10.0.0.9"), DEMO.gridWorker, "demo12345")).status).toBe(200);
    t.clock.ms += 15 * 60_000;
    expect((await guess(agent, DEMO.gridWorker, "demo12345")).status).toBe(200);
  });

  it("locks an address that tries many accounts", async () => {
    const agent = from("10.0.0.2");
    for (let i = 0; i < 30; i++) await guess(agent, `1360000${String(i).padStart(4, "0")}`);
    expect((await guess(agent, DEMO.streetAdmin, "demo12345")).status).toBe(429);
    expect((await guess(from("10.0.0.3"), DEMO.streetAdmin, "demo12345")).status).toBe(200);
  });

  it("300 parallel guesses on one phone from one address check at most five passwords, and the correct last one is refused", {
    timeout: 60_000,
  }, async () => {
    const agent = from("10.0.1.1");
    const passwords = [...Array.from({ length: 299 }, (_, i) => `wrong${i}abc`), "demo12345"];
    const answers = await Promise.all(passwords.map((password) => guess(agent, DEMO.committeeMember2, password)));
    const counts = tally(answers.map((a) => a.status));
    expect(counts[401]).toBeLessThanOrEqual(5);
    expect(counts[200]).toBeUndefined();
    expect(counts[429]).toBeGreaterThanOrEqual(295);
    expect(must(answers.at(-1)).status).toBe(429);
  });

  it("100 parallel guesses across phones from one address check at most thirty", { timeout: 60_000 }, async () => {
    const agent = from("10.0.1.2");
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => guess(agent, `1350000${String(i).padStart(4, "0")}`)),
    );
    const counts = tally(answers.map((a) => a.status));
    expect(counts[401]).toBeLessThanOrEqual(30);
    expect(counts[429]).toBeGreaterThanOrEqual(70);
  });

  it("failures from many addresses only delay the street admin, more with each one, and the owner signs in within a minute", {
    timeout: 60_000,
  }, async () => {
    const waits: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await guess(from(`10.2.${i}.1`), DEMO.streetAdmin);
      if (res.status === 429) {
        const wait = Number(res.headers.get("retry-after"));
        waits.push(wait);
        t.clock.ms += wait * 1000;
      } else expect(res.status).toBe(401);
    }
    expect(waits.length).toBeGreaterThan(5);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(waits.at(-1)).toBe(60);
    t.clock.ms += 60_000;
    expect((await guess(from("10.2.254.1"), DEMO.streetAdmin)).status).toBe(401);
    const owner = from("10.2.255.1");
    const first = await guess(owner, DEMO.streetAdmin, "demo12345");
    expect(first.status).toBe(429);
    expect(Number(first.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    t.clock.ms += Number(first.headers.get("retry-after")) * 1000;
    expect((await guess(owner, DEMO.streetAdmin, "demo12345")).status).toBe(200);
    // Signing in lifts the delay: the owner is not made to wait again.
    expect((await guess(from("10.2.255.2"), DEMO.streetAdmin, "demo12345")).status).toBe(200);
  });

  it("the owner on an address they signed in from lately signs in at once, however many strangers fail elsewhere", {
    timeout: 60_000,
  }, async () => {
    const home = from("10.3.255.1");
    expect((await guess(home, DEMO.gridWorker, "demo12345")).status).toBe(200);
    let delayed = 0;
    for (let i = 0; i < 40; i++) {
      const res = await guess(from(`10.3.${i}.1`), DEMO.gridWorker);
      if (res.status === 429) delayed++;
      t.clock.ms += 1000;
    }
    expect(delayed).toBeGreaterThan(10);
    // A stranger's address is still held back by the phone's delay; the owner's own is not.
    expect((await guess(from("10.3.254.1"), DEMO.gridWorker, "demo12345")).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await guess(home, DEMO.gridWorker, "demo12345")).status).toBe(200);
    // The strict limit per (phone, address) still holds at the owner's address.
    for (let i = 0; i < 5; i++) expect((await guess(home, DEMO.gridWorker)).status).toBe(401);
    expect((await guess(home, DEMO.gridWorker, "demo12345")).status).toBe(429);
  });

  it("a success clears the owner's own count on their address", async () => {
    const owner = from("10.0.2.1");
    for (let i = 0; i < 4; i++) expect((await guess(owner, DEMO.volunteer)).status).toBe(401);
    expect((await guess(owner, DEMO.volunteer, "demo12345")).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await guess(owner, DEMO.volunteer)).status).toBe(401);
    expect((await guess(owner, DEMO.volunteer, "demo12345")).status).toBe(200);
  });

  it("a spoofed leftmost X-Forwarded-For does not escape the per-address limit", async () => {
    const agent = t.agent();
    const answers: number[] = [];
    for (let i = 0; i < 31; i++) {
      agent.headers["x-forwarded-for"] = `203.0.113.${i}, 10.0.3.1`;
      answers.push((await guess(agent, `1340000${String(i).padStart(4, "0")}`)).status);
    }
    expect(answers.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(answers[30]).toBe(429);
  });
});

describe("registration limits", () => {
  it("80 registrations from one address create five accounts; the rest get 429 with Retry-After until the hour is over", {
    timeout: 60_000,
  }, async () => {
    const agent = from("10.0.4.1");
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        agent.post("/api/auth/register", newResident(`1330000${String(i).padStart(4, "0")}`)),
      ),
    );
    const counts = tally(answers.map((a) => a.status));
    expect(counts).toEqual({ 201: 5, 429: 75 });
    const refused = must(answers.find((a) => a.status === 429));
    expect(refused.json.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await from("10.0.4.2").post("/api/auth/register", newResident("13300001000"))).status).toBe(201);
    t.clock.ms += 60 * 60_000;
    expect((await agent.post("/api/auth/register", newResident("13300001001"))).status).toBe(201);
  });

  it("staff registering residents on their behalf are not limited per address", async () => {
    const staff = await from("10.0.4.3").login(DEMO.communityStaff);
    for (let i = 0; i < 8; i++)
      expect(
        (await staff.post("/api/accounts", { phone: `1330000200${i}`, name: "代注册居民", communityId: 1 })).status,
      ).toBe(201);
  });
});

describe("cross-site guard", () => {
  it("refuses an Origin with the right host but the wrong scheme", async () => {
    const agent = await t.agent().login(DEMO.communityStaff);
    expect(
      (await agent.post("/api/communities/1/grids", { name: "错协议网格" }, { origin: "https://localhost" })).status,
    ).toBe(403);
  });

  it("behind a proxy, compares the forwarded scheme and host", async () => {
    const agent = await t.agent().login(DEMO.communityStaff);
    const forwarded = { "x-forwarded-host": "tongxin.example.cn", "x-forwarded-proto": "https" };
    expect(
      (
        await agent.post(
          "/api/communities/1/grids",
          { name: "明文网格" },
          { ...forwarded, origin: "http://tongxin.example.cn" },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await agent.post(
          "/api/communities/1/grids",
          { name: "代理网格" },
          { ...forwarded, origin: "https://tongxin.example.cn" },
        )
      ).status,
    ).toBe(201);
  });
});
