import { asc, eq } from "drizzle-orm";
import { CARE_CATEGORIES, customCareCategory, decideCareCategoryName, ok, must } from "@tongxin/core";
import { careCategories } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { CARE_CATEGORY_WORDS } from "../book-words";
import { authorizeCareInCommunity } from "./load";

/** A community's own category may not take a built-in one's name, in either language. */
const BUILT_IN_NAMES = Object.values(CARE_CATEGORY_WORDS).flatMap((w) => [w.zh, w.en]);

/** The categories a profile may name: the built-in ones (named by the web's catalogue) and the community's own. */
export async function listCareCategories({ deps, actor }: Call, communityId: number) {
  const db = deps.database.db;
  const allowed = await authorizeCareInCommunity(db, actor, "care.read", communityId);
  if (!allowed.ok) return allowed;
  const own = await db
    .select({ id: careCategories.id, name: careCategories.name })
    .from(careCategories)
    .where(eq(careCategories.communityId, communityId))
    .orderBy(asc(careCategories.id));
  return ok({
    items: [
      ...CARE_CATEGORIES.map((key) => ({ key: key as string, name: null as string | null })),
      ...own.map((c) => ({ key: customCareCategory(c.id) as string, name: c.name as string | null })),
    ],
  });
}

/** A community adds its own category (e.g. 退役军人), named unlike any it has. */
export async function addCareCategory({ deps, actor, requestId }: Call, communityId: number, input: { name: string }) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const allowed = await authorizeCareInCommunity(tx, actor, "care.manage", communityId);
    if (!allowed.ok) return allowed;
    const own = await tx
      .select({ name: careCategories.name })
      .from(careCategories)
      .where(eq(careCategories.communityId, communityId));
    const decided = decideCareCategoryName(input.name, [...BUILT_IN_NAMES, ...own.map((c) => c.name)]);
    if (!decided.ok) return decided;
    const [row] = await tx
      .insert(careCategories)
      .values({ communityId, name: decided.name, createdBy: must(actor).userId, createdAt: now })
      .returning({ id: careCategories.id });
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "care.category",
        entity: "careCategory",
        entityId: must(row).id,
        scope: allowed.scope,
        after: { name: decided.name },
      },
      { requestId, now },
    );
    return ok({ key: customCareCategory(must(row).id) });
  });
}
