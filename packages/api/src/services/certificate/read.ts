import { eq } from "drizzle-orm";
import { CERTIFICATE_LOOKUP_POLICY, addressBucket, authorize, fail, isCertificateCode, ok } from "@tongxin/core";
import { certificates } from "../../db/schema";
import type { Call } from "../call";
import { communityScope } from "../scope";
import { giveBack, takeTries } from "../attempts";
import { certificateView, publicCertificateView } from "./view";

/** The whole certificate, to print: its holder, or staff who may read the holder's record in its community. */
export async function readCertificate({ deps, actor }: Call, certificateId: number) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const [row] = await db.select().from(certificates).where(eq(certificates.id, certificateId));
  if (!row) return fail("not_found");
  if (row.userId !== actor.userId) {
    const scope = await communityScope(db, row.communityId);
    if (!scope) return fail("not_found");
    const allowed = authorize(actor, "volunteer.read", scope);
    if (!allowed.ok) return allowed;
  }
  return ok({ certificate: certificateView(row) });
}

/**
 * Anyone checks a code against what was certified. Every lookup from an address
 * takes a try before the code is looked at (so a blocked guesser cannot tell a
 * hit from a miss) and a hit hands it back: only misses use up the allowance.
 */
export async function verifyCertificate({ deps }: Call, code: string, ip: string) {
  if (!isCertificateCode(code)) return fail("not_found");
  const key = `certificate:ip:${addressBucket(ip)}`;
  const taken = await takeTries(deps.database.db, [{ key, policy: CERTIFICATE_LOOKUP_POLICY }], deps.now());
  if (!taken.ok) return taken;
  const [row] = await deps.database.db.select().from(certificates).where(eq(certificates.code, code));
  if (!row) return fail("not_found");
  await giveBack(deps.database.db, [key]);
  return ok({ certificate: publicCertificateView(row) });
}
