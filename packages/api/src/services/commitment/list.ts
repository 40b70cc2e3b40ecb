import { and, asc, desc, eq, gt, gte, lt, lte, or, type SQL } from "drizzle-orm";
import {
  addDays,
  COMMITMENT_DUE_SOON_DAYS,
  fail,
  ok,
  shanghaiDate,
  type CommitmentState,
  type CommitterKind,
} from "@tongxin/core";
import { commitments, openCommitment } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, parseCursor, toPage, type PageInput } from "../page";
import { authorizeInCommunity, communityScope } from "../scope";
import { deskViews, publicViews } from "./load";

export type CommitmentDueFilter = "soon" | "overdue";
export type CommitmentListInput = PageInput & {
  communityId: number;
  state?: CommitmentState | undefined;
  committerKind?: CommitterKind | undefined;
  due?: CommitmentDueFilter | undefined;
};

/**
 * Open commitments by due day (overdue first, then due within COMMITMENT_DUE_SOON_DAYS), through the partial index
 * of open ones: the cursor carries the last (day, id).
 */
async function dueList(call: Call, input: CommitmentListInput & { due: CommitmentDueFilter }) {
  const decoded = input.cursor ? parseCursor(input.cursor) : null;
  const valid = Array.isArray(decoded) && typeof decoded[0] === "string" && Number.isSafeInteger(decoded[1]);
  if (input.cursor && !valid) return fail("bad_cursor");
  const after = valid ? (decoded as [string, number]) : null;
  const today = shanghaiDate(call.deps.now());
  const limit = limitOf(input);
  const rows = await call.deps.database.db
    .select()
    .from(commitments)
    .where(
      and(
        eq(commitments.communityId, input.communityId),
        openCommitment,
        input.due === "overdue"
          ? lt(commitments.dueOn, today)
          : and(gte(commitments.dueOn, today), lte(commitments.dueOn, addDays(today, COMMITMENT_DUE_SOON_DAYS))),
        input.committerKind ? eq(commitments.committerKind, input.committerKind) : undefined,
        after
          ? or(gt(commitments.dueOn, after[0]), and(eq(commitments.dueOn, after[0]), gt(commitments.id, after[1])))
          : undefined,
      ),
    )
    .orderBy(asc(commitments.dueOn), asc(commitments.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const more = rows.length > limit && last;
  return ok({
    rows: items,
    nextCursor: more ? Buffer.from(JSON.stringify([last.dueOn, last.id])).toString("base64url") : null,
  });
}

/** Newest first, by state or by committer kind through their own index. */
async function byIdList(call: Call, input: PageInput, where: SQL | undefined) {
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const limit = limitOf(input);
  const rows = await call.deps.database.db
    .select()
    .from(commitments)
    .where(and(where, input.cursor ? lt(commitments.id, cursor.after) : undefined))
    .orderBy(desc(commitments.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  return ok({ rows: page.items, nextCursor: page.nextCursor });
}

/** A community's commitments for its staff, with the filters of the desk. */
export async function listCommitments(call: Call, input: CommitmentListInput) {
  const db = call.deps.database.db;
  const allowed = await authorizeInCommunity(db, call.actor, "commitment.manage", input.communityId);
  if (!allowed.ok) return allowed;
  const page = input.due
    ? await dueList(call, { ...input, due: input.due })
    : await byIdList(
        call,
        input,
        and(
          eq(commitments.communityId, input.communityId),
          input.state ? eq(commitments.state, input.state) : undefined,
          input.committerKind ? eq(commitments.committerKind, input.committerKind) : undefined,
        ),
      );
  if (!page.ok) return page;
  return ok({ items: await deskViews(db, page.rows, true, call.deps.now()), nextCursor: page.nextCursor });
}

/** 我的承诺: those the reader made, for themselves or for a unit (their own name unmasked to them). */
export async function myCommitments(call: Call, input: PageInput) {
  if (!call.actor) return fail("unauthenticated");
  const page = await byIdList(call, input, eq(commitments.createdBy, call.actor.userId));
  if (!page.ok) return page;
  const items = await deskViews(call.deps.database.db, page.rows, true, call.deps.now());
  return ok({ items, nextCursor: page.nextCursor });
}

/** The community's public page (no sign-in): every commitment, newest first, names masked unless consented. */
export async function publicCommitments(call: Call, input: PageInput & { communityId: number }) {
  const db = call.deps.database.db;
  if (!(await communityScope(db, input.communityId))) return fail("not_found");
  const page = await byIdList(call, input, eq(commitments.communityId, input.communityId));
  if (!page.ok) return page;
  return ok({ items: await publicViews(db, page.rows, call.deps.now()), nextCursor: page.nextCursor });
}
