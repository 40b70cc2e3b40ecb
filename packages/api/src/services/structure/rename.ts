import { and, eq } from "drizzle-orm";
import { authorize, decideRename, fail, ok, type UnitKind } from "@tongxin/core";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { UNIT_TABLES, loadUnit } from "./units";

export type RenameInput = { kind: UnitKind; id: number; name: string; version: number };

export async function renameUnit({ deps, actor, requestId }: Call, input: RenameInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const context = await loadUnit(tx, input.kind, input.id);
    if (!context) return fail("not_found");
    const allowed = authorize(actor, context.action, context.scope);
    if (!allowed.ok) return allowed;
    const decided = decideRename(context.unit, context.siblings, input);
    if (!decided.ok) return decided;
    // Every unit table shares id, name and version; the cast only picks one of four identical shapes.
    const table = UNIT_TABLES[input.kind] as (typeof UNIT_TABLES)["grid"];
    await tx
      .update(table)
      .set({ name: decided.name, version: decided.version })
      .where(and(eq(table.id, input.id), eq(table.version, input.version)));
    await writeAudit(
      tx,
      {
        actorUserId: actor?.userId ?? null,
        action: `${input.kind}.rename`,
        entity: input.kind,
        entityId: input.id,
        scope: context.scope,
        before: { name: context.unit.name, version: context.unit.version },
        after: { name: decided.name, version: decided.version },
      },
      { requestId, now },
    );
    return ok({ id: input.id, name: decided.name, version: decided.version });
  });
}
