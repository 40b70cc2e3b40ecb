import { authorize, fail, ok, oneTimePassword, must } from "@tongxin/core";
import { randomInt } from "node:crypto";
import { hashPassword } from "../../auth/password";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { buildingScope, communityScope } from "../scope";
import { checkHome, insertResident } from "./register";

export type ProxyRegisterInput = { phone: string; name: string; communityId: number; buildingId?: number | undefined };

/** 代注册: staff open an account for a resident who cannot; the one-time password is shown once and must be changed at the first sign-in. */
export async function proxyRegister({ deps, actor, requestId }: Call, input: ProxyRegisterInput) {
  const password = oneTimePassword(randomInt);
  const passwordHash = await hashPassword(password);
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const scope =
      input.buildingId === undefined
        ? await communityScope(tx, input.communityId)
        : await buildingScope(tx, input.buildingId);
    if (!scope) return fail("not_found");
    const allowed = authorize(actor, "account.proxyRegister", scope);
    if (!allowed.ok) return allowed;
    const home = await checkHome(tx, input.communityId, input.buildingId);
    if (!home.ok) return home;
    const created = await insertResident(tx, {
      ...input,
      passwordHash,
      createdBy: must(actor).userId,
      mustChangePassword: true,
      now,
    });
    if (!created.ok) return created;
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "account.proxyRegister",
        entity: "user",
        entityId: created.user.id,
        scope,
        after: { ...created.user, buildingId: input.buildingId ?? null },
      },
      { requestId, now },
    );
    return ok({ user: created.user, temporaryPassword: password });
  });
}
