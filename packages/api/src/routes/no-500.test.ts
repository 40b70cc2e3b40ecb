import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";

/**
 * Bad input gets a clear error, never a 500: every route of the OpenAPI
 * document, as nobody and as the street admin, with malformed JSON, an empty
 * object, stray fields, hostile text and ids that do not exist.
 */
let t: TestApp;
let admin: Agent;
let routes: { method: string; path: string }[];
beforeAll(async () => {
  t = await testApp();
  admin = await t.agent().login(DEMO.streetAdmin);
  const doc = (await t.agent().get("/api/openapi.json")).json as { paths: Record<string, Record<string, unknown>> };
  // Paths are relative to the document's server, /api.
  routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: `/api${path}` })),
  );
});
afterAll(() => t.cleanup());

const fill = (path: string, id: string) => path.replace(/\{code\}/g, "12345678").replace(/\{[^}]+\}/g, id);
/** Text fields filled with what people and attackers type: NUL, bidi overrides, zero-width, newlines, formulas, huge and decomposed text. */
const HOSTILE = {
  name: "a\u0000b",
  title: "\u202Eevil",
  description: "\u200B\u200B",
  place: "x\ny",
  phone: "13800000001\u0000",
  message: '=HYPERLINK("http://x","y")',
  reason: "\u2066",
  kind: "e\u0301",
  password: "x".repeat(10_000),
  comment: "\uD800",
};
const BODIES = [
  "not json",
  "{}",
  JSON.stringify({ stray: 1, amount: "x", name: 12 }),
  JSON.stringify([1, 2, 3]),
  JSON.stringify(HOSTILE),
];

describe("no route answers 500", () => {
  it("covers a sizeable API", () => {
    expect(routes.length).toBeGreaterThan(80);
  });

  it("to anyone, whatever they send", async () => {
    const failures: string[] = [];
    const answered = new Set<number>();
    for (const { method, path } of routes) {
      if (path === "/api/auth/logout") continue; // would end the admin's session midway
      for (const cookie of [null, admin.cookie]) {
        for (const id of ["1", "999999", "0"]) {
          for (const body of method === "GET" || method === "DELETE" ? [undefined] : BODIES) {
            const url = `http://localhost${fill(path, id)}${method === "GET" ? "?communityId=1&month=2026-13&limit=x" : ""}`;
            const headers: Record<string, string> = {
              origin: "http://localhost",
              "content-type": "application/json",
              "idempotency-key": `fuzz-${method}-${path}-${id}-${body?.length ?? 0}`,
            };
            if (cookie) headers.cookie = cookie;
            const res = await t.app.request(url, { method, headers, ...(body === undefined ? {} : { body }) });
            answered.add(res.status);
            if (res.status >= 500)
              failures.push(`${method} ${fill(path, id)} ${body ?? ""} → ${res.status} ${await res.text()}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The requests reached the routes: refusals of every kind came back, not just 404s.
    expect([...answered].sort()).toEqual(expect.arrayContaining([200, 400, 401, 403, 404, 422]));
  }, 120_000);
});
