import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO, testApp } from "../../test/harness";
import { userIdOf } from "../../test/volunteering";

type SyncRequests = (
  origin: string,
  token: string,
  communityId: number,
  residentId: number,
) => Promise<{ seen: string[]; posted: { id: number; status: string } }>;

const examples = join(import.meta.dirname, "../../examples");
const t = await testApp();
afterAll(() => t.cleanup());

describe("a client generated from the document, as an integrator builds one", () => {
  it("generates TypeScript types with openapi-typescript and compiles the example program against them", async () => {
    const document = await (await t.app.request("http://localhost/api/openapi.json")).text();
    const types = astToString(await openapiTS(document));
    mkdirSync(join(examples, "generated"), { recursive: true });
    writeFileSync(join(examples, "generated/tongxin-api.d.ts"), types);
    const program = ts.createProgram([join(examples, "district-client.ts")], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(problems).toEqual([]);
  }, 120_000);

  it("runs against the server: signs in with a street admin's token, lists a community's requests and posts one", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const issued = await admin.post("/api/streets/1/api-tokens", {
      name: "区网格化平台",
      communityId: 1,
      access: "read_write",
      expiresInDays: 30,
    });
    expect(issued.status).toBe(201);
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const resident = await userIdOf(t, DEMO.resident);
      // The example is plain TypeScript over fetch; vitest strips its types as tsx would.
      // Loaded by a path the type-check does not follow: its generated types exist only once the test above ran.
      const example = join(examples, "district-client.ts");
      const { syncRequests } = (await import(example)) as { syncRequests: SyncRequests };
      const result = await syncRequests(origin, issued.json.secret, 1, resident);
      expect(result.seen.length).toBeGreaterThan(0);
      expect(result.posted.status).toBe("submitted");
      const seenByStaff = await (await t.agent().login(DEMO.communityStaff)).get(`/api/requests/${result.posted.id}`);
      expect(seenByStaff.json.description).toContain("区平台");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
