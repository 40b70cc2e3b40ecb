import type { ResourceScope } from "@tongxin/core";
import type { Tx } from "../db/client";
import { auditLog } from "../db/schema";

export type AuditEntry = {
  actorUserId: number | null;
  action: string;
  entity: string;
  entityId: number | null;
  scope: ResourceScope;
  before?: unknown;
  after?: unknown;
};

/** Who did what, when, with the record before and after. Written in the same transaction as the change. */
export async function writeAudit(tx: Tx, entry: AuditEntry, meta: { requestId: string; now: number }): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    streetId: entry.scope.streetId,
    communityId: entry.scope.communityId ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    requestId: meta.requestId,
    createdAt: meta.now,
  });
}
