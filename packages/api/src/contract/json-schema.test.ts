import ts from "typescript";
import { describe, expect, it } from "vitest";
import { jsonSchemaOf } from "./json-schema";

/** The schema of `type T = …` in a one-file program. */
function schemaOf(declaration: string) {
  const file = "/virtual/t.ts";
  const host = ts.createCompilerHost({ strict: true, lib: ["lib.es2022.d.ts"] });
  const read = host.getSourceFile;
  host.getSourceFile = (name, version) =>
    name === file ? ts.createSourceFile(name, declaration, version) : read.call(host, name, version);
  const program = ts.createProgram([file], { strict: true, lib: ["lib.es2022.d.ts"], types: [] }, host);
  const source = program.getSourceFile(file);
  const alias = source?.statements.find(ts.isTypeAliasDeclaration);
  if (!alias) throw new Error("no type T");
  const checker = program.getTypeChecker();
  return jsonSchemaOf(checker, checker.getTypeAtLocation(alias.name));
}

describe("the JSON Schema of what a handler answers", () => {
  it.each([
    ["a string", "type T = string", { type: "string" }],
    ["a literal union, as an enum", 'type T = "a" | "b"', { type: "string", enum: ["a", "b"] }],
    ["a nullable number", "type T = number | null", { anyOf: [{ type: "null" }, { type: "number" }] }],
    ["boolean", "type T = boolean", { type: "boolean" }],
    ["a date, as JSON writes it", "type T = Date", { type: "string", format: "date-time" }],
    ["an array", "type T = string[]", { type: "array", items: { type: "string" } }],
    [
      "a record",
      "type T = Record<string, number>",
      { type: "object", properties: {}, additionalProperties: { type: "number" } },
    ],
    ["unknown, as anything", "type T = unknown", {}],
    [
      "an object: optional and undefined members not required, functions left out, closed",
      "type T = { id: number; note?: string; gone: undefined; maybe: string | undefined; run: () => void }",
      {
        type: "object",
        properties: { id: { type: "number" }, note: { type: "string" }, maybe: { type: "string" } },
        required: ["id"],
        additionalProperties: false,
      },
    ],
    [
      "an intersection, as the result of ok() spreads",
      "type T = { ok: true } & { id: number }",
      {
        type: "object",
        properties: { ok: { type: "boolean", enum: [true] }, id: { type: "number" } },
        required: ["ok", "id"],
        additionalProperties: false,
      },
    ],
    [
      "a recursive type, left open where it meets itself",
      "type T = { name: string; children: T[] }",
      {
        type: "object",
        properties: { name: { type: "string" }, children: { type: "array", items: {} } },
        required: ["name", "children"],
        additionalProperties: false,
      },
    ],
  ])("%s", (_, declaration, expected) => {
    expect(schemaOf(declaration)).toEqual(expected);
  });
});
