import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { afterAll, describe, expect, it } from "vitest";
import { testApp } from "../../test/harness";
import { extractFacts } from "./extract";

type Operation = { security?: Record<string, string[]>[]; responses: Record<string, unknown> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: object } };

const t = await testApp();
afterAll(() => t.cleanup());
const served = async () => (await (await t.app.request("http://localhost/api/openapi.json")).json()) as Document;
const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

describe("/api/openapi.json", () => {
  it("is built from facts that match the routes' source (else run pnpm --filter @tongxin/api contract)", () => {
    const root = join(import.meta.dirname, "../..");
    const committed = JSON.parse(readFileSync(join(root, "src/contract/facts.gen.json"), "utf8"));
    expect(extractFacts(root)).toEqual(committed);
  }, 300_000);

  it("describes a success answer and its refusals for every operation", async () => {
    const doc = await served();
    const described = operations(doc).filter(({ op }) => Object.keys(op.responses).some((s) => /^2/.test(s)));
    expect(operations(doc).length).toBeGreaterThan(200);
    expect(described.length).toBe(operations(doc).length);
    const refusing = operations(doc).filter(({ op }) => Object.keys(op.responses).some((s) => /^4/.test(s)));
    // Three read-only public lists take no input and refuse nothing.
    expect(operations(doc).length - refusing.length).toBeLessThanOrEqual(3);
  });

  it("passes Redocly's recommended rules with no error", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const source = JSON.stringify(await served());
    const problems = await lintFromString({ source, absoluteRef: "/api/openapi.json", config });
    const errors = problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it("declares the session cookie and the bearer token, and which operations need neither", async () => {
    const doc = await served();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["session", "token"]);
    const securityOf = (path: string, method: string) => doc.paths[path]?.[method]?.security;
    expect(securityOf("/requests", "get")).toEqual([{ session: [] }, { token: [] }]);
    expect(securityOf("/me", "get")).toEqual([{ session: [] }]);
    expect(securityOf("/auth/login", "post")).toEqual([]);
    expect(securityOf("/public/honor-roll", "get")).toEqual([]);
    expect(securityOf("/communities/{id}/grids", "get")).toEqual([{}, { session: [] }, { token: [] }]);
    for (const { path, method, op } of operations(doc)) expect(op.security, `${method} ${path}`).toBeDefined();
  });

  it("declares the headers of error answers: Retry-After on 429 and 503, the bearer scheme on 401", async () => {
    const doc = await served();
    const headersOf = (status: string) =>
      operations(doc)
        .map(({ op }) => op.responses[status] as { headers?: object } | undefined)
        .filter((answer) => answer !== undefined)
        .map((answer) => Object.keys(answer.headers ?? {}));
    expect(headersOf("429").length).toBeGreaterThan(200);
    for (const status of ["429", "503"]) for (const names of headersOf(status)) expect(names).toEqual(["Retry-After"]);
    for (const names of headersOf("401")) expect(names).toEqual(["WWW-Authenticate"]);
    const revoked = await t.app.request("http://localhost/api/requests", {
      headers: { authorization: "Bearer tx_nope" },
    });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  it("says of each operation what an anonymous caller meets: public ones never ask to sign in, the others never answer", async () => {
    const doc = await served();
    const wrong: string[] = [];
    for (const { path, method, op } of operations(doc)) {
      const url = path.replace(/\{[^}]+\}/g, "1");
      const body = method === "get" ? undefined : {};
      const res = await t.agent().request(method.toUpperCase(), `/api${url}`, body);
      // No scheme, or an empty one beside them: anyone may call it.
      const isPublic = op.security?.length === 0 || op.security?.some((s) => Object.keys(s).length === 0);
      if (isPublic ? res.status === 401 : ![400, 401].includes(res.status))
        wrong.push(`${method} ${path} (${isPublic ? "public" : "signed in"}) → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
