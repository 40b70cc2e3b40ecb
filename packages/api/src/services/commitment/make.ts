import { eq } from "drizzle-orm";
import {
  decideCommitter,
  decideDueOn,
  decideCommitmentLink,
  fail,
  must,
  ok,
  shanghaiDate,
  type Actor,
  type CommitmentLinkKind,
  type CommitterKind,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import { commitments, partnerUnits, projects, requests, topics, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { communityScope } from "../scope";
import { markWarningsStale } from "../warning/refresh";
import { isStaffOver } from "./load";

export type NewCommitment = {
  communityId: number;
  committerKind: CommitterKind;
  partnerUnitId?: number | undefined;
  what: string;
  detail?: string | undefined;
  dueOn: string;
  link?: { kind: CommitmentLinkKind; id: number } | undefined;
};

const LINKED = { topic: topics, project: projects, request: requests } as const;

/** The community of the topic, project or request linked, or null when there is none such. */
async function linkCommunity(tx: Tx, link: { kind: CommitmentLinkKind; id: number }): Promise<number | null> {
  const table = LINKED[link.kind];
  const [row] = await tx.select({ communityId: table.communityId }).from(table).where(eq(table.id, link.id));
  return row?.communityId ?? null;
}

async function committing(tx: Tx, actor: Actor, input: NewCommitment, isStaff: boolean) {
  const [volunteer] = await tx
    .select({
      communityId: volunteers.communityId,
      partyStatus: volunteers.partyStatus,
      partnerUnitId: volunteers.partnerUnitId,
    })
    .from(volunteers)
    .where(eq(volunteers.userId, actor.userId));
  const [unit] =
    input.committerKind === "partner" && input.partnerUnitId !== undefined
      ? await tx
          .select({ id: partnerUnits.id, communityId: partnerUnits.communityId })
          .from(partnerUnits)
          .where(eq(partnerUnits.id, input.partnerUnitId))
      : [];
  return decideCommitter({
    kind: input.committerKind,
    communityId: input.communityId,
    isStaff,
    volunteer: volunteer ?? null,
    unit: unit ?? null,
  });
}

/** 承诺: a Party member for themselves, staff for the branch, staff or the unit's volunteer for a partner unit. */
export async function makeCommitment(call: Call, input: NewCommitment) {
  const actor = call.actor;
  if (!actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const scope = await communityScope(tx, input.communityId);
    if (!scope) return fail("not_found");
    const allowed = await committing(tx, actor, input, isStaffOver(actor, scope));
    if (!allowed.ok) return allowed;
    const dated = decideDueOn(input.dueOn, shanghaiDate(now));
    if (!dated.ok) return dated;
    if (input.link) {
      const linked = decideCommitmentLink(await linkCommunity(tx, input.link), input.communityId);
      if (!linked.ok) return linked;
    }
    const [made] = await tx
      .insert(commitments)
      .values({
        communityId: input.communityId,
        committerKind: input.committerKind,
        committerUserId: input.committerKind === "member" ? actor.userId : null,
        partnerUnitId: input.committerKind === "partner" ? must(input.partnerUnitId) : null,
        what: input.what,
        detail: input.detail ?? null,
        dueOn: input.dueOn,
        linkKind: input.link?.kind ?? null,
        linkId: input.link?.id ?? null,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: commitments.id });
    const id = must(made, "the inserted commitment").id;
    const after = { committerKind: input.committerKind, what: input.what, dueOn: input.dueOn, state: "open" };
    await writeAudit(
      tx,
      { actorUserId: actor.userId, action: "commitment.make", entity: "commitment", entityId: id, scope, after },
      { requestId: call.requestId, now },
    );
    await markWarningsStale(tx, input.communityId);
    return ok({ id, state: "open" as const });
  });
}
