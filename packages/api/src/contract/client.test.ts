import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { testApp } from "../../test/harness";

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
});
