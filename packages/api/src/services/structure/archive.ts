import { and, eq } from "drizzle-orm";
import { authorize, decideArchive, fail, ok, type UnitKind } from "@tongxin/core";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { toIso } from "../../time";
import { UNIT_TABLES, loadUnit } from "./units";

export type ArchiveInput = { kind: UnitKind; id: number; version: number };

export async function archiveUnit({ deps, actor, requestId }: Call, input: ArchiveInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const context = await loadUnit(tx, input.kind, input.id);
    if (!context) return fail("not_found");
    const allowed = authorize(actor, context.action, context.scope);
    if (!allowed.ok) return allowed;
    const decided = decideArchive(context.unit, context.activeChildCount, input, now);
    if (!decided.ok) return decided;
    const table = UNIT_TABLES[input.kind] as (typeof UNIT_TABLES)["grid"];
    await tx
      .update(table)
      .set({ archivedAt: decided.archivedAt, version: decided.version })
      .where(and(eq(table.id, input.id), eq(table.version, input.version)));
    await writeAudit(
      tx,
      {
        actorUserId: actor?.userId ?? null,
        action: `${input.kind}.archive`,
        entity: input.kind,
        entityId: input.id,
        scope: context.scope,
        before: { archivedAt: null, version: context.unit.version },
        after: { archivedAt: decided.archivedAt, version: decided.version },
      },
      { requestId, now },
    );
    return ok({ id: input.id, archivedAt: toIso(decided.archivedAt), version: decided.version });
  });
}
