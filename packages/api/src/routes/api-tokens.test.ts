import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { API_TOKEN_RATE_POLICY, must } from "@tongxin/core";
import { apiTokens, auditLog, communities, roleGrants, streets, users } from "../db/schema";
import { hashPassword } from "../auth/password";
import { sessionIdOf } from "../auth/session";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { userIdOf } from "../../test/volunteering";

let t: TestApp;
let admin: Agent;
const OTHER_ADMIN = "13900000099";
let otherCommunityOfOtherStreet: number;

beforeAll(async () => {
  t = await testApp();
  admin = await t.agent().login(DEMO.streetAdmin);
  // A second street with its own admin and community: nothing of street 1 is theirs.
  const db = t.database.db;
  const [street] = await db.insert(streets).values({ name: "白鹭街道", createdAt: t.clock.ms }).returning();
  const [community] = await db
    .insert(communities)
    .values({ streetId: must(street).id, name: "白鹭社区", kind: "community", createdAt: t.clock.ms })
    .returning();
  otherCommunityOfOtherStreet = must(community).id;
  const [user] = await db
    .insert(users)
    .values({
      phone: OTHER_ADMIN,
      name: "白鹭管理员",
      passwordHash: await hashPassword("demo12345"),
      createdAt: t.clock.ms,
    })
    .returning();
  await db.insert(roleGrants).values({
    userId: must(user).id,
    role: "streetAdmin",
    scopeKind: "street",
    scopeId: must(street).id,
    createdAt: t.clock.ms,
  });
});
afterAll(() => t.cleanup());

type Issue = { name?: string; communityId?: number; access?: "read" | "read_write"; expiresInDays?: number };
const issue = (body: Issue = {}, by: Agent = admin) =>
  by.post("/api/streets/1/api-tokens", { name: "区网格化平台", access: "read_write", expiresInDays: 90, ...body });

/** A call as another system makes it: no cookie, no Origin, the token in the Authorization header. */
async function withToken(secret: string, method: string, path: string, body?: unknown, header = `Bearer ${secret}`) {
  const res = await t.app.request(`http://localhost${path}`, {
    method,
    headers: { authorization: header, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

const tokenUses = (tokenId: number) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "token.use"), eq(auditLog.entityId, tokenId)));

describe("issuing, listing and revoking API tokens", () => {
  it("the street admin issues a token whose secret is answered once: the list, the audit and the database never hold it", async () => {
    const issued = await issue({ communityId: 1, access: "read" });
    expect(issued.status).toBe(201);
    const { token, secret } = issued.json;
    expect(secret).toMatch(/^tx_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      name: "区网格化平台",
      scope: "community",
      communityId: 1,
      scopeName: "和平社区",
      access: "read",
      status: "active",
      prefix: secret.slice(0, 11),
      revokedAt: null,
      lastUsedAt: null,
      issuerName: expect.any(String),
    });
    expect(Date.parse(token.expiresAt) - t.clock.ms).toBe(90 * 86_400_000);
    const list = await admin.get("/api/streets/1/api-tokens");
    expect(list.status).toBe(200);
    expect(list.json.items[0]).toEqual(token);
    expect(JSON.stringify(list.json)).not.toContain(secret);
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row?.tokenHash).toBe(sessionIdOf(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, "api_token"));
    expect(audit.map((a) => a.action)).toContain("token.issue");
    expect(JSON.stringify(audit)).not.toContain(secret.slice(11));
  });

  it("a whole-street token is named after the street, and the list pages newest first", async () => {
    const first = (await issue({ name: "市平台 甲" })).json.token;
    const second = (await issue({ name: "市平台 乙" })).json.token;
    expect(second).toMatchObject({ scope: "street", communityId: null, scopeName: "青枫街道" });
    const page = await admin.get("/api/streets/1/api-tokens?limit=1");
    expect(page.json.items.map((i: { id: number }) => i.id)).toEqual([second.id]);
    const next = await admin.get(`/api/streets/1/api-tokens?limit=1&cursor=${page.json.nextCursor}`);
    expect(next.json.items.map((i: { id: number }) => i.id)).toEqual([first.id]);
  });

  it("refuses anyone but the street's own admin, and a community of another street, changing nothing", async () => {
    const count = async () => (await t.database.db.select().from(apiTokens)).length;
    const before = await count();
    const staff = await t.agent().login(DEMO.communityStaff);
    const other = await t.agent().login(OTHER_ADMIN);
    const tokenId = (await admin.get("/api/streets/1/api-tokens")).json.items[0].id;
    for (const agent of [staff, other]) {
      expect((await issue({}, agent)).status).toBe(403);
      expect((await agent.get("/api/streets/1/api-tokens")).status).toBe(403);
      expect((await agent.post(`/api/api-tokens/${tokenId}/revoke`)).status).toBe(403);
    }
    expect((await issue({ communityId: otherCommunityOfOtherStreet })).status).toBe(404);
    expect(
      (await admin.post("/api/streets/999/api-tokens", { name: "x", access: "read", expiresInDays: 1 })).status,
    ).toBe(404);
    expect((await admin.post("/api/api-tokens/999999/revoke")).status).toBe(404);
    expect((await t.agent().get("/api/streets/1/api-tokens")).status).toBe(401);
    expect(await count()).toBe(before);
    expect((await admin.get("/api/streets/1/api-tokens")).json.items[0].revokedAt).toBeNull();
  });

  it.each([
    { body: { expiresInDays: 0 }, path: "expiresInDays" },
    { body: { expiresInDays: 367 }, path: "expiresInDays" },
    { body: { name: "x".repeat(41) }, path: "name" },
    { body: { name: "  " }, path: "name" },
    { body: { access: "admin" }, path: "access" },
  ])("refuses $path out of bounds", async ({ body, path }) => {
    const res = await issue(body as Issue);
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it("a token never lists, issues or revokes tokens, nor reads the person's own routes", async () => {
    const { token, secret } = (await issue()).json;
    for (const [method, path] of [
      ["GET", "/api/streets/1/api-tokens"],
      ["POST", "/api/streets/1/api-tokens"],
      ["POST", `/api/api-tokens/${token.id}/revoke`],
      ["GET", "/api/me"],
      ["GET", "/api//me/"],
      ["GET", "/api/me/requests"],
      ["POST", "/api/auth/logout"],
    ]) {
      const res = await withToken(secret, must(method), must(path), method === "POST" ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.reason).toBe("token_not_allowed");
    }
  });
});

describe("calling the API with a token", () => {
  it("a community read-write token lists its community's requests and posts one for a resident, as the community's staff", async () => {
    const { token, secret } = (await issue({ communityId: 1 })).json;
    const list = await withToken(secret, "GET", "/api/requests?communityId=1");
    expect(list.status).toBe(200);
    expect(list.json.items.length).toBeGreaterThan(0);
    const residentId = await userIdOf(t, DEMO.resident);
    const posted = await withToken(secret, "POST", "/api/requests", {
      kind: "wish",
      category: "item",
      description: "区平台转来：需要一个助行器",
      ownerUserId: residentId,
    });
    expect(posted.status).toBe(201);
    // The act is the issuer's, as if they had posted it in person.
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "request.proxyCreate"), eq(auditLog.entityId, posted.json.id)));
    expect(audit?.actorUserId).toBe(await userIdOf(t, DEMO.streetAdmin));
    expect((await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, token.id)))[0]?.lastUsedAt).toBe(
      t.clock.ms,
    );
  });

  it("the same token is refused another community's requests and residents", async () => {
    const { secret } = (await issue({ communityId: 1 })).json;
    expect((await withToken(secret, "GET", "/api/requests?communityId=2")).status).toBe(403);
    const [stranger] = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.communityId, 2))
      .limit(1);
    const posted = await withToken(secret, "POST", "/api/requests", {
      kind: "wish",
      category: "item",
      description: "别的社区的居民",
      ownerUserId: must(stranger).id,
    });
    expect(posted.status).toBe(403);
  });

  it("a read token reads but every write is refused", async () => {
    const { secret } = (await issue({ communityId: 1, access: "read" })).json;
    expect((await withToken(secret, "GET", "/api/requests?communityId=1")).status).toBe(200);
    const posted = await withToken(secret, "POST", "/api/requests", {
      kind: "wish",
      category: "item",
      description: "x",
    });
    expect(posted.status).toBe(403);
    expect(posted.json.error.reason).toBe("token_read_only");
  });

  it("an expired, revoked, unknown or malformed token is 401 with the Bearer scheme named, whatever cookie comes along", async () => {
    const expiring = (await issue({ expiresInDays: 1 })).json.secret;
    const revoked = (await issue()).json;
    expect((await admin.post(`/api/api-tokens/${revoked.token.id}/revoke`)).json.status).toBe("revoked");
    const cases: [string, string, string][] = [
      [revoked.secret, `Bearer ${revoked.secret}`, "token_revoked"],
      ["", `Bearer tx_${"A".repeat(43)}`, "token_revoked"],
      ["", "Bearer not-a-token", "token_revoked"],
      ["", "Bearer", "unauthenticated"],
    ];
    for (const [, header, reason] of cases) {
      const res = await admin.request("GET", "/api/requests?communityId=1", undefined, { authorization: header });
      expect(res.status, header).toBe(401);
      expect(res.json.error.reason).toBe(reason);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    }
    expect((await withToken(expiring, "GET", "/api/requests?communityId=1")).status).toBe(200);
    t.clock.ms += 86_400_000;
    const expired = await withToken(expiring, "GET", "/api/requests?communityId=1");
    expect(expired.status).toBe(401);
    expect(expired.json.error.reason).toBe("token_expired");
  });

  it("another scheme in Authorization (Basic from a staging proxy) leaves the person's cookie to decide", async () => {
    const res = await admin.request("GET", "/api/me", undefined, { authorization: "Basic dXNlcjpwYXNz" });
    expect(res.status).toBe(200);
    expect(res.json.user.phone).toBe(DEMO.streetAdmin);
  });

  it("a token never reads care profiles, hands out roles or passwords, though a community's staff may; it is told why", async () => {
    const { secret } = (await issue({ communityId: 1 })).json;
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.get("/api/communities/1/care/unconfirmed")).status).toBe(200);
    expect((await staff.get("/api/grids/1/care/book")).status).toBe(200);
    const refused: [string, string, unknown?][] = [
      ["GET", "/api/communities/1/care/unconfirmed"],
      ["GET", "/api/grids/1/care/book"],
      ["GET", "/api/communities/1/care/campaigns"],
      ["GET", "/api/households/1/care"],
      ["POST", `/api/accounts/${await userIdOf(t, DEMO.resident)}/roles`, { role: "communityStaff", scopeId: 1 }],
      ["POST", `/api/accounts/${await userIdOf(t, DEMO.resident)}/password-reset`, {}],
    ];
    for (const [method, path, body] of refused) {
      const res = await withToken(secret, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.reason, `${method} ${path}`).toBe("token_not_allowed");
    }
    const street = (await issue()).json.secret;
    const grant = await withToken(street, "POST", `/api/accounts/${await userIdOf(t, DEMO.resident)}/roles`, {
      role: "streetAdmin",
      scopeId: 1,
    });
    expect(grant.json.error.reason).toBe("token_not_allowed");
  });

  it("a token takes no personal act in its issuer's name: no sign-up, no request of their own, no vote", async () => {
    const { secret } = (await issue({ communityId: 1 })).json;
    for (const [method, path, body] of [
      ["POST", "/api/shifts/1/signups", {}],
      ["DELETE", "/api/shifts/1/signups/me", undefined],
      ["POST", "/api/teams/1/members", {}],
      ["POST", "/api/requests/1/claim", {}],
      ["POST", "/api/points/donations", { toUserId: 1, points: 1 }],
    ] as const) {
      const res = await withToken(secret, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.reason).toBe("token_not_allowed");
    }
    const own = await withToken(secret, "POST", "/api/requests", {
      kind: "service",
      category: "plumbing",
      description: "x",
    });
    expect(own.status).toBe(403);
    expect(own.json.error.reason).toBe("token_not_allowed");
  });

  it("a token stops while its issuer is disabled or no longer the street's admin", async () => {
    const { secret } = (await issue()).json;
    const adminId = await userIdOf(t, DEMO.streetAdmin);
    const db = t.database.db;
    await db.update(users).set({ disabledAt: t.clock.ms }).where(eq(users.id, adminId));
    const disabled = await withToken(secret, "GET", "/api/requests?communityId=1");
    await db.update(users).set({ disabledAt: null }).where(eq(users.id, adminId));
    expect(disabled.status).toBe(401);
    expect(disabled.json.error.reason).toBe("token_revoked");
    const grant = and(eq(roleGrants.userId, adminId), eq(roleGrants.role, "streetAdmin"));
    await db.update(roleGrants).set({ revokedAt: t.clock.ms }).where(grant);
    const demoted = await withToken(secret, "GET", "/api/requests?communityId=1");
    await db.update(roleGrants).set({ revokedAt: null }).where(grant);
    expect(demoted.status).toBe(401);
    expect((await withToken(secret, "GET", "/api/requests?communityId=1")).status).toBe(200);
  });

  it("every use is in the audit log as token.use: the issuer, the token's place, what was called and its answer", async () => {
    const { token, secret } = (await issue({ communityId: 1, access: "read" })).json;
    await withToken(secret, "GET", `/api/volunteers?communityId=1&q=${encodeURIComponent("郑桂兰")}`);
    await withToken(secret, "GET", "/api/requests?communityId=2");
    await withToken(secret, "POST", "/api/requests", {});
    await withToken(secret, "GET", "/api/me");
    const uses = await tokenUses(token.id);
    expect(uses.map((u) => ({ ...u, after: JSON.parse(must(u.after)) }))).toEqual(
      [
        ["GET", "/api/volunteers", 200],
        ["GET", "/api/requests", 403],
        ["POST", "/api/requests", 403],
        ["GET", "/api/me", 403],
      ].map(([method, path, status]) =>
        expect.objectContaining({
          actorUserId: expect.any(Number),
          entity: "api_token",
          streetId: 1,
          communityId: 1,
          requestId: expect.any(String),
          after: { name: "区网格化平台", method, path, status },
        }),
      ),
    );
    expect(new Set(uses.map((u) => u.actorUserId))).toEqual(new Set([await userIdOf(t, DEMO.streetAdmin)]));
    // The query (a phone, a name) stays out of the log.
    expect(JSON.stringify(uses)).not.toContain("郑桂兰");
  });

  it(`the call past ${API_TOKEN_RATE_POLICY.limit} in a minute is refused with Retry-After, and is not logged`, async () => {
    const { token, secret } = (await issue({ communityId: 1, access: "read" })).json;
    for (let i = 0; i < API_TOKEN_RATE_POLICY.limit; i++) {
      const res = await withToken(secret, "GET", "/api/me");
      expect(res.status).toBe(403);
    }
    const refused = await withToken(secret, "GET", "/api/requests?communityId=1");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await tokenUses(token.id)).toHaveLength(API_TOKEN_RATE_POLICY.limit);
    // Another token has its own limit.
    const other = (await issue({ communityId: 1, access: "read" })).json.secret;
    expect((await withToken(other, "GET", "/api/requests?communityId=1")).status).toBe(200);
    t.clock.ms += API_TOKEN_RATE_POLICY.windowMs;
    expect((await withToken(secret, "GET", "/api/requests?communityId=1")).status).toBe(200);
  }, 60_000);
});
