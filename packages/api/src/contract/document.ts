import type { Hono } from "hono";
import { generateSpecs } from "hono-openapi";
import { REFUSALS, type Refusal } from "@tongxin/core";
import { ERROR_SCHEMA } from "../http/call";
import { refusalAnswer } from "../http/errors";
import type { AppEnv } from "../http/context";
import { SESSION_COOKIE } from "../auth/session";
import { forPeople } from "../http/bearer";
import type { JsonSchema } from "./json-schema";
import type { Answer, Facts, OperationFacts } from "./extract";
import factsJson from "./facts.gen.json";

/**
 * The contract's version. A change that removes or renames anything a caller reads or sends moves
 * the major number (contract/released.json holds the last released document; see breaking.test.ts).
 */
export const API_VERSION = "1.0.0";

const FACTS = factsJson as unknown as Facts;
const UNSAFE = new Set(["post", "put", "patch", "delete"]);

type Operation = { responses?: Record<string, unknown>; security?: Record<string, string[]>[] } & Record<
  string,
  unknown
>;
type Document = Awaited<ReturnType<typeof generateSpecs>>;

const isRefusal = (reason: string): reason is Refusal => (REFUSALS as readonly string[]).includes(reason);

const RETRY_AFTER = { description: "seconds to wait before trying again", schema: { type: "integer" } };
/** Headers some error answers carry: when to try again, and which scheme a refused token should use (RFC 6750). */
const ERROR_HEADERS: Record<number, Record<string, { description: string; schema: JsonSchema }>> = {
  401: {
    "WWW-Authenticate": {
      description: 'on a refused bearer token: `Bearer realm="tongxin", error="invalid_token"`',
      schema: { type: "string" },
    },
  },
  429: { "Retry-After": RETRY_AFTER },
  503: { "Retry-After": RETRY_AFTER },
};

/** An error answer of one status: the shared shape, its codes and the refusal reasons the operation can give. */
function errorAnswer(status: number, codes: string[], reasons: string[]) {
  const error: JsonSchema = { type: "object", properties: {} };
  (error.properties as Record<string, JsonSchema>).code = { type: "string", enum: [...new Set(codes)].sort() };
  if (reasons.length > 0) (error.properties as Record<string, JsonSchema>).reason = { type: "string", enum: reasons };
  const list = reasons.length > 0 ? `: ${reasons.join(", ")}` : "";
  return {
    description: `${[...new Set(codes)].sort().join(", ")}${list}`,
    ...(ERROR_HEADERS[status] ? { headers: ERROR_HEADERS[status] } : {}),
    content: {
      "application/json": {
        schema: { allOf: [{ $ref: "#/components/schemas/Error" }, { type: "object", properties: { error } }] },
      },
    },
  };
}

/** Refusals any request may meet on its way, whatever the operation: a session on its one-time password, a token. */
function refusalsOnTheWay(method: string, path: string): Refusal[] {
  const tokenUse: Refusal = forPeople(method, `/api${path}`) ? "token_not_allowed" : "token_read_only";
  const token: Refusal[] = ["unauthenticated", "token_revoked", "token_expired", "rate_limited"];
  return [
    "password_change_required",
    ...token,
    ...(UNSAFE.has(method) || tokenUse === "token_not_allowed" ? [tokenUse] : []),
  ];
}

/** Every refusal the operation can give, with those met on the way and the answers without a reason. */
function errorAnswers(method: string, path: string, facts: OperationFacts) {
  const byStatus = new Map<number, { codes: string[]; reasons: string[] }>();
  const add = (status: number, code: string, reason?: string) => {
    const entry = byStatus.get(status) ?? { codes: [], reasons: [] };
    entry.codes.push(code);
    if (reason && !entry.reasons.includes(reason)) entry.reasons.push(reason);
    byStatus.set(status, entry);
  };
  for (const reason of [...facts.reasons.filter(isRefusal), ...refusalsOnTheWay(method, path)]) {
    const { status, code } = refusalAnswer(reason);
    add(status, code, reason);
  }
  if (facts.validated) add(400, "invalid_input");
  if (UNSAFE.has(method)) {
    add(403, "forbidden"); // a cross-site request
    add(409, "conflict"); // lost a race to another request; nothing changed
    add(413, "too_large");
  }
  add(503, "unavailable");
  const answers: Record<string, unknown> = {};
  for (const [status, { codes, reasons }] of [...byStatus].sort(([a], [b]) => a - b))
    answers[String(status)] = errorAnswer(status, codes, reasons.sort());
  return answers;
}

function successAnswer(answer: Answer) {
  if ("json" in answer) return { description: "OK", content: { "application/json": { schema: answer.json } } };
  const file = { schema: { type: "string", format: "binary" } };
  return { description: "A file", content: Object.fromEntries(answer.file.map((type) => [type, file])) };
}

type Described = { description: string; headers?: object; content: Record<string, { schema: unknown }> };

/** A status the handler answers itself and a refusal may answer too (health's 503): either body. */
function eitherAnswer(own: unknown, refusal: unknown): Described {
  const [a, b] = [own as Described, refusal as Described];
  const schemaOf = (d: Described) => d.content["application/json"]?.schema ?? {};
  return {
    description: `${a.description}; or ${b.description}`,
    ...(b.headers ? { headers: b.headers } : {}),
    content: { "application/json": { schema: { anyOf: [schemaOf(a), schemaOf(b)] } } },
  };
}

/**
 * Who may call: nobody signed in where the source never refuses `unauthenticated`; else a person's session, and a
 * token except on routes for people. A public route that shows more to someone signed in takes either or neither.
 */
function securityOf(
  method: string,
  path: string,
  operation: Operation,
  facts: OperationFacts,
): Record<string, string[]>[] {
  const optional = operation["x-sign-in"] === "optional";
  delete operation["x-sign-in"];
  const schemes: Record<string, string[]>[] = forPeople(method, `/api${path}`)
    ? [{ session: [] }]
    : [{ session: [] }, { token: [] }];
  if (optional) return [{}, ...schemes];
  return facts.reasons.includes("unauthenticated") ? schemes : [];
}

/** Adds what the source says of each operation (facts.gen.json) to what hono-openapi read from its validators. */
function withFacts(document: Document): Document {
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations as Record<string, Operation>)) {
      const found = FACTS[`${method} ${path}`];
      if (!found) throw new Error(`no facts for ${method} ${path}: run pnpm --filter @tongxin/api contract`);
      const responses: Record<string, unknown> = {};
      for (const answer of found.answers) responses[String(answer.status)] = successAnswer(answer);
      for (const [status, refusal] of Object.entries(errorAnswers(method, path, found)))
        responses[status] = responses[status] ? eitherAnswer(responses[status], refusal) : refusal;
      operation.responses = responses;
      operation.security = securityOf(method, path, operation, found);
    }
  }
  return document;
}

let built: Promise<Document> | undefined;

/** The OpenAPI document of the API, built once per process (routes do not change while it runs). */
export function contractDocument(api: Hono<AppEnv>): Promise<Document> {
  built ??= generateSpecs(api, {
    documentation: {
      info: {
        title: "Tongxin 同心 API",
        version: API_VERSION,
        description:
          "Volunteer service and points platform for urban communities. People sign in with a session cookie; " +
          "other systems send a token issued by their street's admin as `Authorization: Bearer …`.",
      },
      servers: [{ url: "/api" }],
      components: {
        schemas: { Error: ERROR_SCHEMA },
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "set by POST /auth/login" },
          token: { type: "http", scheme: "bearer", description: "an API token from the street admin" },
        },
      },
    },
  }).then(withFacts);
  return built;
}
