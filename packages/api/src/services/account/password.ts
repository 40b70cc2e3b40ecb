import { eq } from "drizzle-orm";
import { checkNewPassword, fail, ok } from "@tongxin/core";
import { hashPassword, verifyPassword } from "../../auth/password";
import { users } from "../../db/schema";
import type { Call } from "../call";

/** A new password ends every session, including stolen ones, and lifts a one-time password's limit; the caller gets a fresh session. */
export async function changePassword({ deps, actor }: Call, input: { currentPassword: string; newPassword: string }) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!user) return fail("unauthenticated");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return fail("wrong_password");
  const changed = checkNewPassword(input.currentPassword, input.newPassword);
  if (!changed.ok) return changed;
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), mustChangePassword: false })
    .where(eq(users.id, actor.userId));
  await deps.sessions.revokeAll(actor.userId);
  return ok({ cookie: await deps.sessions.create(actor.userId) });
}
