import { and, eq } from "drizzle-orm";
import { decideRename, ok, type UnitKind } from "@tongxin/core";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { UNIT_TABLES, changeUnit } from "./units";

export type RenameInput = { kind: UnitKind; id: number; name: string; version: number };

export function renameUnit(call: Call, input: RenameInput) {
  return changeUnit(call, input.kind, input.id, async (tx, { unit, siblings, scope }, now) => {
    const decided = decideRename(unit, siblings, input);
    if (!decided.ok) return decided;
    // Every unit table shares id, name and version; the cast only picks one of four identical shapes.
    const table = UNIT_TABLES[input.kind] as (typeof UNIT_TABLES)["grid"];
    await tx
      .update(table)
      .set({ name: decided.name, version: decided.version })
      .where(and(eq(table.id, input.id), eq(table.version, input.version)));
    const entry = {
      actorUserId: call.actor?.userId ?? null,
      action: `${input.kind}.rename`,
      entity: input.kind,
      entityId: input.id,
      scope,
      before: { name: unit.name, version: unit.version },
      after: { name: decided.name, version: decided.version },
    };
    await writeAudit(tx, entry, { requestId: call.requestId, now });
    return ok({ id: input.id, name: decided.name, version: decided.version });
  });
}
