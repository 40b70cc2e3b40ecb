import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { checkMeetingRule, fail, MEETING_BODIES, ok, must, type MeetingBody, type MeetingRule } from "@tongxin/core";
import { bodyMembers, meetingRules, users } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { authorizeInCommunity } from "../scope";
import { listedMembers, ruleOf } from "./load";

/** How many residents' representatives a community may list: far above any real 居民代表会议. */
export const RESIDENT_REPS_MAX = 300;

/** The residents' representatives (居民代表) of a community, by name, for its staff. */
export async function residentReps({ deps, actor }: Call, communityId: number) {
  const { db } = deps.database;
  const allowed = await authorizeInCommunity(db, actor, "meeting.manage", communityId);
  if (!allowed.ok) return allowed;
  const items = await db
    .select({ userId: users.id, name: users.name })
    .from(bodyMembers)
    .innerJoin(users, eq(users.id, bodyMembers.userId))
    .where(and(eq(bodyMembers.communityId, communityId), eq(bodyMembers.body, "residentReps")))
    .orderBy(asc(users.id));
  return ok({ items });
}

/** Staff replace the list of representatives; each must be a person of the community with an account in use. Audited. */
export async function setResidentReps(call: Call, communityId: number, userIds: number[]) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const allowed = await authorizeInCommunity(tx, call.actor, "meeting.manage", communityId);
    if (!allowed.ok) return allowed;
    const wanted = [...new Set(userIds)];
    const found = wanted.length
      ? await tx
          .select({ id: users.id, communityId: users.communityId })
          .from(users)
          .where(and(inArray(users.id, wanted), isNull(users.disabledAt)))
      : [];
    if (found.length !== wanted.length) return fail("not_found");
    if (found.some((u) => u.communityId !== communityId)) return fail("belongs_elsewhere");
    const before = await listedMembers(tx, communityId, "residentReps");
    const actorId = must(call.actor).userId;
    await tx
      .delete(bodyMembers)
      .where(and(eq(bodyMembers.communityId, communityId), eq(bodyMembers.body, "residentReps")));
    if (wanted.length)
      await tx.insert(bodyMembers).values(
        wanted.map((userId) => ({
          communityId,
          body: "residentReps" as const,
          userId,
          addedBy: actorId,
          createdAt: now,
        })),
      );
    await writeAudit(
      tx,
      {
        actorUserId: actorId,
        action: "meeting.residentReps",
        entity: "community",
        entityId: communityId,
        scope: allowed.scope,
        before: { userIds: before },
        after: { userIds: wanted },
      },
      { requestId: call.requestId, now },
    );
    return ok({ communityId, count: wanted.length });
  });
}

/** The rule of each body for the community's staff: its own where it set one, else the default. */
export async function listMeetingRules({ deps, actor }: Call, communityId: number) {
  const { db } = deps.database;
  const allowed = await authorizeInCommunity(db, actor, "meeting.manage", communityId);
  if (!allowed.ok) return allowed;
  const items = [];
  for (const body of MEETING_BODIES) items.push({ body, rule: await ruleOf(db, communityId, body) });
  return ok({ items });
}

/** Staff set the community's own quorum and majority rule for a body, checked by core. Audited. */
export async function setMeetingRule(call: Call, communityId: number, body: MeetingBody, input: MeetingRule) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const allowed = await authorizeInCommunity(tx, call.actor, "meeting.manage", communityId);
    if (!allowed.ok) return allowed;
    const checked = checkMeetingRule(input);
    if (!checked.ok) return checked;
    const { quorum, majority } = checked.rule;
    const row = {
      quorumNumerator: quorum.numerator,
      quorumDenominator: quorum.denominator,
      quorumStrict: quorum.strict,
      quorumMin: checked.rule.quorumMin,
      quorumSeat: checked.rule.quorumSeat,
      majorityNumerator: majority.numerator,
      majorityDenominator: majority.denominator,
      majorityStrict: majority.strict,
      majorityBase: checked.rule.majorityBase,
      proposerExcluded: checked.rule.proposerExcluded,
      updatedBy: must(call.actor).userId,
      updatedAt: now,
    };
    const before = await ruleOf(tx, communityId, body);
    await tx
      .insert(meetingRules)
      .values({ communityId, body, ...row })
      .onConflictDoUpdate({ target: [meetingRules.communityId, meetingRules.body], set: row });
    await writeAudit(
      tx,
      {
        actorUserId: row.updatedBy,
        action: "meeting.rule",
        entity: "community",
        entityId: communityId,
        scope: allowed.scope,
        before,
        after: checked.rule,
      },
      { requestId: call.requestId, now },
    );
    return ok({ communityId, body, rule: checked.rule });
  });
}
