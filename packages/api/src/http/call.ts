import type { Context } from "hono";
import { describeRoute, type GenerateSpecOptions } from "hono-openapi";
import type { Call } from "../services/call";
import type { AppEnv } from "./context";

/** The service-verb arguments taken from a request. */
export const callOf = (c: Context<AppEnv>): Call => ({
  deps: c.var.deps,
  actor: c.var.actor,
  requestId: c.var.requestId,
});

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** Every route may answer these, in the one error shape. */
const ERROR_RESPONSES = {
  400: errorResponse("invalid_input: the fields and the reason for each"),
  401: errorResponse("unauthenticated"),
  403: errorResponse("forbidden"),
  404: errorResponse("not_found"),
  409: errorResponse("conflict: duplicate, stale version, already taken"),
  422: errorResponse("rule_violation"),
  429: errorResponse("rate_limited: too many tries; Retry-After says how many seconds to wait"),
};

/** OpenAPI summary and tag for a route. */
export const doc = (tag: string, summary: string) =>
  describeRoute({ tags: [tag], summary, responses: ERROR_RESPONSES });

type Documentation = NonNullable<GenerateSpecOptions["documentation"]>;
type SchemaObject = NonNullable<NonNullable<Documentation["components"]>["schemas"]>[string];

/** The shared error shape, for the OpenAPI document's components. */
export const ERROR_SCHEMA: SchemaObject = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: {
          type: "string",
          enum: [
            "invalid_input",
            "unauthenticated",
            "forbidden",
            "not_found",
            "conflict",
            "rule_violation",
            "rate_limited",
            "too_large",
          ],
        },
        message: { type: "string" },
        reason: { type: "string", description: "the domain rule that refused, e.g. grid_too_deep" },
        issues: {
          type: "array",
          items: {
            type: "object",
            properties: { path: { type: "string" }, code: { type: "string" }, message: { type: "string" } },
          },
        },
      },
    },
  },
};
