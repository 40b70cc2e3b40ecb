import { and, eq } from "drizzle-orm";
import { decideArchive, ok, type UnitKind } from "@tongxin/core";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { toIso } from "../../time";
import { UNIT_TABLES, changeUnit } from "./units";

export type ArchiveInput = { kind: UnitKind; id: number; version: number };

export function archiveUnit(call: Call, input: ArchiveInput) {
  return changeUnit(call, input.kind, input.id, async (tx, { unit, activeChildCount, scope }, now) => {
    const decided = decideArchive(unit, activeChildCount, input, now);
    if (!decided.ok) return decided;
    const table = UNIT_TABLES[input.kind] as (typeof UNIT_TABLES)["grid"];
    await tx
      .update(table)
      .set({ archivedAt: decided.archivedAt, version: decided.version })
      .where(and(eq(table.id, input.id), eq(table.version, input.version)));
    const entry = {
      actorUserId: call.actor?.userId ?? null,
      action: `${input.kind}.archive`,
      entity: input.kind,
      entityId: input.id,
      scope,
      before: { archivedAt: null, version: unit.version },
      after: { archivedAt: decided.archivedAt, version: decided.version },
    };
    await writeAudit(tx, entry, { requestId: call.requestId, now });
    return ok({ id: input.id, archivedAt: toIso(decided.archivedAt), version: decided.version });
  });
}
