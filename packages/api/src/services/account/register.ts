import { and, eq, isNull } from "drizzle-orm";
import { REGISTER_POLICY, addressBucket, fail, ok, must } from "@tongxin/core";
import { hashPassword } from "../../auth/password";
import type { Tx } from "../../db/client";
import { buildings, communities, roleGrants, users } from "../../db/schema";
import { takeTries } from "../attempts";
import type { Call } from "../call";

export type RegisterInput = {
  phone: string;
  password: string;
  name: string;
  communityId: number;
  buildingId?: number | undefined;
};

/** The community (live) and, when given, a live building inside it. */
export async function checkHome(tx: Tx, communityId: number, buildingId: number | undefined) {
  const [community] = await tx
    .select({ streetId: communities.streetId })
    .from(communities)
    .where(and(eq(communities.id, communityId), isNull(communities.archivedAt)));
  if (!community) return fail("not_found");
  if (buildingId === undefined) return ok({ streetId: community.streetId });
  const [building] = await tx
    .select({ communityId: buildings.communityId })
    .from(buildings)
    .where(and(eq(buildings.id, buildingId), isNull(buildings.archivedAt)));
  if (!building) return fail("not_found");
  if (building.communityId !== communityId) return fail("wrong_community");
  return ok({ streetId: community.streetId });
}

/** Inserts the account and its resident role; refuses a phone already registered. */
export async function insertResident(
  tx: Tx,
  input: Omit<RegisterInput, "password"> & {
    passwordHash: string;
    createdBy: number | null;
    mustChangePassword: boolean;
    now: number;
  },
) {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, input.phone));
  if (existing) return fail("phone_taken");
  const [user] = await tx
    .insert(users)
    .values({
      phone: input.phone,
      name: input.name,
      passwordHash: input.passwordHash,
      communityId: input.communityId,
      buildingId: input.buildingId ?? null,
      createdBy: input.createdBy,
      mustChangePassword: input.mustChangePassword,
      createdAt: input.now,
    })
    .returning({ id: users.id, name: users.name, phone: users.phone, communityId: users.communityId });
  await tx.insert(roleGrants).values({
    userId: must(user).id,
    role: "resident",
    scopeKind: "community",
    scopeId: input.communityId,
    grantedBy: input.createdBy,
    createdAt: input.now,
  });
  return ok({ user: must(user) });
}

/** A resident registers themself and is signed in; each client address registers a few accounts an hour, counted before anything is created. */
export async function register({ deps }: Call, input: RegisterInput & { ip: string }) {
  const now = deps.now();
  const taken = await takeTries(
    deps.database.db,
    [{ key: `register:ip:${addressBucket(input.ip)}`, policy: REGISTER_POLICY }],
    now,
  );
  if (!taken.ok) return taken;
  const passwordHash = await hashPassword(input.password);
  const created = await deps.database.db.transaction(async (tx) => {
    const home = await checkHome(tx, input.communityId, input.buildingId);
    if (!home.ok) return home;
    return insertResident(tx, { ...input, passwordHash, createdBy: null, mustChangePassword: false, now });
  });
  if (!created.ok) return created;
  return ok({ user: created.user, cookie: await deps.sessions.create(created.user.id) });
}
