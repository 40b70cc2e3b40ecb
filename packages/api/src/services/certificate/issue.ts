import { randomInt } from "node:crypto";
import {
  CERTIFICATE_ISSUE_POLICY,
  authorize,
  decidePeriod,
  fail,
  newCertificateCode,
  ok,
  shanghaiDate,
  type Actor,
  type Period,
  type ResourceScope,
  must,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import type { certificates } from "../../db/schema";
import type { Call } from "../call";
import { takeTries } from "../attempts";
import { writeAudit } from "../audit";
import { communityScope } from "../scope";
import { certify, loadVolunteer } from "./certify";
import { certificateView } from "./view";

/**
 * Issues a certificate of the volunteer's confirmed hours over the period: the
 * volunteer for themself, or staff who may read their record (a certificate is
 * its certified extract) for someone in scope, audited.
 */
export async function issueCertificate({ deps, actor, requestId }: Call, userId: number, period: Period) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  const decided = decidePeriod(period, shanghaiDate(now));
  if (!decided.ok) return decided;
  const attempt = { key: `certificate:issue:${userId}`, policy: CERTIFICATE_ISSUE_POLICY };
  const taken = await takeTries(deps.database.db, [attempt], now);
  if (!taken.ok) return taken;
  return deps.database.db.transaction(async (tx) => {
    const own = actor.userId === userId;
    const volunteer = await loadVolunteer(tx, userId);
    if (!volunteer) return fail(own ? "not_volunteer" : "not_found");
    const scope = must(await communityScope(tx, volunteer.communityId), "the volunteer's community");
    if (!own) {
      const allowed = authorize(actor, "volunteer.read", scope);
      if (!allowed.ok) return allowed;
    }
    const code = newCertificateCode((bound) => randomInt(bound));
    const issued = await certify(tx, { userId, volunteer, period: decided, code, issuedBy: actor.userId, now });
    if (!issued.ok) return issued;
    if (!own) await auditIssue(tx, actor, issued.certificate, scope, { requestId, now });
    return ok({ certificate: certificateView(issued.certificate) });
  });
}

/** 开具志愿服务证明 for oneself. */
export const issueOwnCertificate = (call: Call, period: Period) =>
  call.actor ? issueCertificate(call, call.actor.userId, period) : Promise.resolve(fail("unauthenticated"));

/** Staff certifying someone's service is a staff act: who, for whom, what it states. */
function auditIssue(
  tx: Tx,
  actor: Actor,
  certificate: typeof certificates.$inferSelect,
  scope: ResourceScope,
  meta: { requestId: string; now: number },
) {
  return writeAudit(
    tx,
    {
      actorUserId: actor.userId,
      action: "certificate.issue",
      entity: "certificate",
      entityId: certificate.id,
      scope,
      after: {
        userId: certificate.userId,
        from: certificate.periodFrom,
        to: certificate.periodTo,
        minutes: certificate.minutes,
        activityCount: certificate.activityCount,
      },
    },
    meta,
  );
}
