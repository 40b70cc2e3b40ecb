import { asc, eq } from "drizzle-orm";
import { authorize, fail, ok, must } from "@tongxin/core";
import { skills } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { communityScope } from "../scope";

export async function listSkills({ deps }: Call) {
  return ok({
    items: await deps.database.db.select({ id: skills.id, name: skills.name }).from(skills).orderBy(asc(skills.id)),
  });
}

/** Staff extend the catalogue; the scope checked is the community they act for. */
export async function createSkill({ deps, actor, requestId }: Call, input: { name: string; communityId: number }) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const scope = await communityScope(tx, input.communityId);
    if (!scope) return fail("not_found");
    const allowed = authorize(actor, "skill.manage", scope);
    if (!allowed.ok) return allowed;
    const [existing] = await tx.select({ id: skills.id }).from(skills).where(eq(skills.name, input.name));
    if (existing) return fail("name_taken");
    const [row] = await tx
      .insert(skills)
      .values({ name: input.name, createdAt: now })
      .returning({ id: skills.id, name: skills.name });
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "skill.create",
        entity: "skill",
        entityId: must(row).id,
        scope,
        after: row,
      },
      { requestId, now },
    );
    return ok({ skill: must(row) });
  });
}
