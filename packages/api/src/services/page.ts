import { and, eq, gt, or, type Column, type SQL } from "drizzle-orm";
import { fail, ok, type Fail, type Ok } from "@tongxin/core";
import * as v from "valibot";

const LIMIT_DEFAULT = 20;
const LIMIT_MAX = 100;

/** Query fields every list takes. */
export const pageQuery = {
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(LIMIT_MAX)),
  ),
};

export type PageInput = { cursor?: string | undefined; limit?: number | undefined };
export type Page<T> = { items: T[]; nextCursor: string | null };

/** Cursors are opaque to clients: the last id seen, base64url-encoded. */
const encodeCursor = (afterId: number): string => Buffer.from(JSON.stringify({ a: afterId })).toString("base64url");

/** A cursor the server did not hand out (altered, truncated, from another list) is refused, never guessed at. */
export type Decoded<T extends object> = Ok<T> | Fail<"bad_cursor">;

export function decodeCursor(cursor: string | undefined): Decoded<{ after: number }> {
  if (!cursor) return ok({ after: 0 });
  const after = (parseCursor(cursor) as { a?: unknown } | null)?.a;
  return typeof after === "number" && Number.isSafeInteger(after) ? ok({ after }) : fail("bad_cursor");
}

/** The cursor's JSON, or null when it is not base64url-encoded JSON. */
export function parseCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    return null;
  }
}

/** Call with limit + 1 rows ordered by id: the extra row tells whether there is a next page. */
export function toPage<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

export const limitOf = (input: PageInput): number => input.limit ?? LIMIT_DEFAULT;

/** Lists in time order page by (time, id) of the last item: the cursor carries both. */
export const encodeTimeCursor = (at: number, id: number): string =>
  Buffer.from(JSON.stringify([at, id])).toString("base64url");

function decodeTimeCursor(cursor: string | undefined): Decoded<{ after: [number, number] | null }> {
  if (!cursor) return ok({ after: null });
  const value = parseCursor(cursor);
  const valid = Array.isArray(value) && value.length === 2 && value.every(Number.isSafeInteger);
  return valid ? ok({ after: value as [number, number] }) : fail("bad_cursor");
}

/** Rows after a time cursor in (time, id) order; no condition on the first page. */
export function afterTimeCursor(
  time: Column,
  id: Column,
  cursor: string | undefined,
): Decoded<{ where: SQL | undefined }> {
  const decoded = decodeTimeCursor(cursor);
  if (!decoded.ok) return decoded;
  const after = decoded.after;
  return ok({ where: after ? or(gt(time, after[0]), and(eq(time, after[0]), gt(id, after[1]))) : undefined });
}
