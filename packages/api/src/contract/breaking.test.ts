import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { testApp } from "../../test/harness";
import { breakingChanges, type OpenApi } from "./breaking";
import { API_VERSION } from "./document";

const item = {
  type: "object",
  properties: { id: { type: "number" }, name: { type: "string" }, phone: { type: ["string", "null"] } },
};
const body = {
  type: "object",
  properties: { name: { type: "string" }, kind: { enum: ["a", "b"] } },
  required: ["name"],
};

/** A one-operation document: GET /things/{id} with a query, a body and a list answer. */
function document(version = "1.0.0", change: (op: Record<string, any>) => void = () => {}): OpenApi {
  const operation: Record<string, any> = structuredClone({
    parameters: [
      { name: "id", in: "path", required: true, schema: { type: "string" } },
      { name: "status", in: "query", schema: { enum: ["open", "closed"] } },
    ],
    requestBody: { content: { "application/json": { schema: body } } },
    responses: {
      "200": {
        content: {
          "application/json": { schema: { type: "object", properties: { items: { type: "array", items: item } } } },
        },
      },
      "404": { content: { "application/json": { schema: { type: "object" } } } },
    },
  });
  change(operation);
  return { info: { version }, paths: { "/things/{id}": { post: operation } } };
}
const answerItem = (op: Record<string, any>) =>
  op.responses["200"].content["application/json"].schema.properties.items.items;

describe("a change that breaks callers is caught unless the major version moves", () => {
  it.each([
    [
      "a field of an answer removed",
      (op) => delete answerItem(op).properties.name,
      "POST /things/{id} 200.items[].name removed",
    ],
    [
      "a field of an answer renamed",
      (op) => {
        answerItem(op).properties.fullName = answerItem(op).properties.name;
        delete answerItem(op).properties.name;
      },
      "POST /things/{id} 200.items[].name removed",
    ],
    [
      "an answer's field turned from number to string",
      (op) => (answerItem(op).properties.id = { type: "string" }),
      "POST /things/{id} 200.items[].id may now be string",
    ],
    [
      "a query parameter renamed",
      (op) => (op.parameters[1].name = "state"),
      "POST /things/{id} query parameter status removed",
    ],
    [
      "an enum value a caller sends removed",
      (op) => (op.parameters[1].schema.enum = ["open"]),
      'POST /things/{id} query status no longer takes "closed"',
    ],
    [
      "a body field removed",
      (op) => delete op.requestBody.content["application/json"].schema.properties.kind,
      "POST /things/{id} body.kind removed",
    ],
    [
      "a body field newly required",
      (op) => op.requestBody.content["application/json"].schema.required.push("kind"),
      "POST /things/{id} body.kind newly required",
    ],
    ["a success answer dropped", (op) => delete op.responses["200"], "POST /things/{id} no longer answers 200"],
  ] as [string, (op: Record<string, any>) => void, string][])("%s", (_, change, expected) => {
    const result = breakingChanges(document(), document("1.1.0", change));
    expect(result.breaks).toEqual([expected]);
    expect(result.allowed).toBe(false);
    expect(breakingChanges(document(), document("2.0.0", change)).allowed).toBe(true);
  });

  it.each([
    ["a new field in an answer", (op) => (answerItem(op).properties.door = { type: "string" })],
    [
      "a new optional body field",
      (op) => (op.requestBody.content["application/json"].schema.properties.note = { type: "string" }),
    ],
    ["a new enum value a caller may send", (op) => op.parameters[1].schema.enum.push("archived")],
    ["a new refusal", (op) => (op.responses["409"] = { content: {} })],
    ["an answer's field no longer null", (op) => (answerItem(op).properties.phone = { type: "string" })],
  ] as [string, (op: Record<string, any>) => void][])("%s breaks nobody", (_, change) => {
    expect(breakingChanges(document(), document("1.0.0", change)).breaks).toEqual([]);
  });

  it("a removed operation breaks its callers", () => {
    const after = { info: { version: "1.1.0" }, paths: {} };
    expect(breakingChanges(document(), after).breaks).toEqual(["POST /things/{id} removed"]);
  });
});

describe("the served document against the last released one (src/contract/released.json)", () => {
  const released = JSON.parse(readFileSync(new URL("./released.json", import.meta.url), "utf8")) as OpenApi;
  const t = testApp();
  afterAll(async () => (await t).cleanup());

  it("states its version, and breaks nothing the released one promised unless the major number moved", async () => {
    const res = await (await t).app.request("http://localhost/api/openapi.json");
    const served = (await res.json()) as OpenApi;
    expect(served.info.version).toBe(API_VERSION);
    const { breaks, allowed } = breakingChanges(released, served);
    if (!allowed)
      expect(breaks, "run `pnpm --filter @tongxin/api contract:release` only when releasing a new major").toEqual([]);
  });
});
