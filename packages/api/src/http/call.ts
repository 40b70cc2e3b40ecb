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

/**
 * OpenAPI summary and tag for a route; its answers and refusals come from its source (contract/document.ts).
 * `signIn: "optional"` marks a public route that shows more to someone signed in (archived grids to staff).
 */
export const doc = (tag: string, summary: string, options: { signIn?: "optional" } = {}) =>
  describeRoute({ tags: [tag], summary, ...(options.signIn ? { "x-sign-in": options.signIn } : {}) });

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
            "unavailable",
            "http_error",
            "internal",
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
