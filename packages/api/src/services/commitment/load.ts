import { eq, inArray } from "drizzle-orm";
import { authorize, commitmentDue, shanghaiDate, type Actor, type ResourceScope } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { commitments, communities, partnerUnits } from "../../db/schema";
import { communityScope } from "../scope";
import { peopleNames } from "../people";
import { toIso } from "../../time";

export type CommitmentRow = typeof commitments.$inferSelect;

/** A commitment with its community's scope, or null when either is missing. */
export async function loadCommitment(
  db: Db | Tx,
  id: number,
): Promise<{ row: CommitmentRow; scope: ResourceScope } | null> {
  const [row] = await db.select().from(commitments).where(eq(commitments.id, id));
  const scope = row && (await communityScope(db, row.communityId));
  return row && scope ? { row, scope } : null;
}

export const isStaffOver = (actor: Actor | null, scope: ResourceScope) =>
  authorize(actor, "commitment.manage", scope).ok;

/** Who made it in its name: the member themselves, or whoever made it for the branch or a unit. */
export const isCommitter = (actor: Actor | null, row: CommitmentRow) =>
  actor !== null && (row.committerUserId === actor.userId || row.createdBy === actor.userId);

/**
 * Who committed, as this reader may see it: a member's name through `peopleNames` (masked unless they consented or
 * the reader is entrusted), the branch by its community's name, a unit by its name in full.
 */
async function committerNames(db: Db | Tx, rows: readonly CommitmentRow[], entrusted: boolean) {
  const people = await peopleNames(
    db,
    rows.map((r) => r.committerUserId),
    entrusted,
  );
  const unitIds = [...new Set(rows.flatMap((r) => (r.partnerUnitId === null ? [] : [r.partnerUnitId])))];
  const units = unitIds.length
    ? await db
        .select({ id: partnerUnits.id, name: partnerUnits.name })
        .from(partnerUnits)
        .where(inArray(partnerUnits.id, unitIds))
    : [];
  const communityIds = [...new Set(rows.filter((r) => r.committerKind === "branch").map((r) => r.communityId))];
  const branches = communityIds.length
    ? await db
        .select({ id: communities.id, name: communities.name })
        .from(communities)
        .where(inArray(communities.id, communityIds))
    : [];
  return (r: CommitmentRow): string => {
    if (r.committerKind === "member") return people.get(r.committerUserId ?? 0) ?? "";
    if (r.committerKind === "partner") return units.find((u) => u.id === r.partnerUnitId)?.name ?? "";
    return branches.find((b) => b.id === r.communityId)?.name ?? "";
  };
}

/** What the public sees of a commitment: what, by whom, by when, the state and the outcome's reason. No contacts. */
const publicView = (r: CommitmentRow, committer: string, today: string) => ({
  id: r.id,
  committerKind: r.committerKind,
  committer,
  what: r.what,
  dueOn: r.dueOn,
  due: commitmentDue(r.state, r.dueOn, today),
  state: r.state,
  outcomeReason: r.outcomeReason,
  decidedAt: toIso(r.decidedAt),
});

export async function publicViews(db: Db | Tx, rows: readonly CommitmentRow[], now: number) {
  const nameOf = await committerNames(db, rows, false);
  return rows.map((r) => publicView(r, nameOf(r), shanghaiDate(now)));
}

/** The fuller view for staff and the committer: the detail, the link, when it was made. */
export async function deskViews(db: Db | Tx, rows: readonly CommitmentRow[], entrusted: boolean, now: number) {
  const nameOf = await committerNames(db, rows, entrusted);
  return rows.map((r) => ({
    ...publicView(r, nameOf(r), shanghaiDate(now)),
    communityId: r.communityId,
    detail: r.detail,
    link: r.linkKind === null || r.linkId === null ? null : { kind: r.linkKind, id: r.linkId },
    createdAt: toIso(r.createdAt),
  }));
}
