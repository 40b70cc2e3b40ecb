import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Fail } from "@tongxin/core";

/** A refusal from a service verb, carried to the one error mapper below. */
export class DomainError extends Error {
  constructor(
    readonly reason: string,
    readonly detail?: { retryAfterSeconds?: number },
  ) {
    super(reason);
  }
}

/** Returns the success value or throws the refusal for `onError` to map. */
export function unwrap<R extends { ok: true } | (Fail<string> & { retryAfterSeconds?: number })>(result: R): Extract<R, { ok: true }> {
  if (!result.ok) throw new DomainError(result.reason, { retryAfterSeconds: result.retryAfterSeconds });
  return result as Extract<R, { ok: true }>;
}

type Mapped = { status: ContentfulStatusCode; code: string; message: string };

const REASONS: Record<string, Mapped> = {
  unauthenticated: { status: 401, code: "unauthenticated", message: "Sign in first." },
  invalid_credentials: { status: 401, code: "unauthenticated", message: "Wrong phone number or password." },
  forbidden: { status: 403, code: "forbidden", message: "You may not do this here." },
  not_found: { status: 404, code: "not_found", message: "No such record." },
  name_taken: { status: 409, code: "conflict", message: "That name is already used here." },
  phone_taken: { status: 409, code: "conflict", message: "That phone number already has an account." },
  stale_version: { status: 409, code: "conflict", message: "Someone changed this record first; reload and try again." },
  already_granted: { status: 409, code: "conflict", message: "The role is already granted." },
  already_set_up: { status: 409, code: "conflict", message: "Tongxin is already set up." },
  archived: { status: 409, code: "conflict", message: "The record is archived." },
  parent_archived: { status: 422, code: "rule_violation", message: "The parent is archived." },
  grid_too_deep: { status: 422, code: "rule_violation", message: "Grids nest three levels at most." },
  has_active_children: { status: 422, code: "rule_violation", message: "Archive what lies below it first." },
  wrong_community: { status: 422, code: "rule_violation", message: "It belongs to another community." },
  wrong_password: { status: 422, code: "rule_violation", message: "The current password is wrong." },
  last_street_admin: { status: 422, code: "rule_violation", message: "The street needs at least one admin." },
  rate_limited: { status: 429, code: "rate_limited", message: "Too many attempts; wait and try again." },
};

export type FieldIssue = { path: string; code: string; message: string };

export const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, ...extra },
});

/** The one mapping from anything thrown to the shared error shape. Never a stack trace. */
export function mapError(err: unknown, c: Context): Response {
  if (err instanceof DomainError) {
    const mapped = REASONS[err.reason];
    if (!mapped) return internal(err, c);
    if (err.detail?.retryAfterSeconds) c.header("Retry-After", String(err.detail.retryAfterSeconds));
    return c.json(errorBody(mapped.code, mapped.message, { reason: err.reason }), mapped.status);
  }
  if (isConstraintViolation(err)) {
    // A race the rules lost to another request; the database kept the invariant.
    return c.json(errorBody("conflict", "Someone else changed this at the same time; reload and try again."), 409);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 400 ? "invalid_input" : status === 403 ? "forbidden" : status === 413 ? "too_large" : "http_error";
    return c.json(errorBody(code, err.message || "Bad request."), status as ContentfulStatusCode);
  }
  return internal(err, c);
}

function internal(err: unknown, c: Context): Response {
  c.get("log")?.("error", "unhandled", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return c.json(errorBody("internal", "Something went wrong; the request changed nothing."), 500);
}

/** drizzle wraps the driver's error; the libSQL code sits on the error or its cause. */
function isConstraintViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT")) return true;
  }
  return false;
}
