import type { Context } from "hono";
import { describeRoute } from "hono-openapi";
import type { Call } from "../services/call";
import type { AppEnv } from "./context";

/** The service-verb arguments taken from a request. */
export const callOf = (c: Context<AppEnv>): Call => ({ deps: c.var.deps, actor: c.var.actor, requestId: c.var.requestId });

/** OpenAPI summary and tag for a route. */
export const doc = (tag: string, summary: string) => describeRoute({ tags: [tag], summary });
