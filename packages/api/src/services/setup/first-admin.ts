import { count } from "drizzle-orm";
import { fail, ok, must } from "@tongxin/core";
import { hashPassword } from "../../auth/password";
import { roleGrants, streets, users } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";

export async function setupNeeded({ deps }: Call): Promise<boolean> {
  const [row] = await deps.database.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

export type FirstAdminInput = { streetName: string; name: string; phone: string; password: string };

/** On an empty database only: creates the street and its first admin, then signs them in. */
export async function createFirstAdmin({ deps, requestId }: Call, input: FirstAdminInput) {
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  const created = await deps.database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(users);
    if ((existing?.n ?? 0) > 0) return fail("already_set_up");
    const [street] = await tx
      .insert(streets)
      .values({ name: input.streetName.trim(), createdAt: now })
      .returning({ id: streets.id });
    const [user] = await tx
      .insert(users)
      .values({ phone: input.phone, name: input.name.trim(), passwordHash, createdAt: now })
      .returning({ id: users.id });
    const grant = {
      userId: must(user).id,
      role: "streetAdmin" as const,
      scopeKind: "street" as const,
      scopeId: must(street).id,
    };
    await tx.insert(roleGrants).values({ ...grant, createdAt: now });
    await writeAudit(
      tx,
      {
        actorUserId: must(user).id,
        action: "setup.firstAdmin",
        entity: "street",
        entityId: must(street).id,
        scope: { streetId: must(street).id },
        after: { streetName: input.streetName, grant },
      },
      { requestId, now },
    );
    return ok({ userId: must(user).id });
  });
  if (!created.ok) return created;
  return ok({ cookie: await deps.sessions.create(created.userId) });
}
