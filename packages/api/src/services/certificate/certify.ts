import { and, asc, between, eq, isNull, sql } from "drizzle-orm";
import { CARE_VISIT_SERVICE_TITLE, certificateFacts, ok, type Period, must } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { activities, certificates, communities, serviceHours, users, volunteers } from "../../db/schema";

/** The volunteer with their profile's community, the one that certifies their service. */
export async function loadVolunteer(tx: Tx, userId: number) {
  const [row] = await tx
    .select({ name: users.name, communityId: volunteers.communityId, communityName: communities.name })
    .from(volunteers)
    .innerJoin(users, eq(users.id, volunteers.userId))
    .innerJoin(communities, eq(communities.id, volunteers.communityId))
    .where(eq(volunteers.userId, userId));
  return row;
}

type Volunteer = NonNullable<Awaited<ReturnType<typeof loadVolunteer>>>;

/** Confirmed, unvoided entries of the period, through the index on (user, service date). */
function entriesOf(tx: Tx, userId: number, period: Period) {
  return tx
    .select({
      activityId: serviceHours.activityId,
      title: sql<string>`coalesce(${activities.title}, ${CARE_VISIT_SERVICE_TITLE})`,
      serviceDate: serviceHours.serviceDate,
      minutes: serviceHours.minutes,
    })
    .from(serviceHours)
    .leftJoin(activities, eq(activities.id, serviceHours.activityId))
    .where(
      and(
        eq(serviceHours.userId, userId),
        between(serviceHours.serviceDate, period.from, period.to),
        isNull(serviceHours.voidedAt),
      ),
    )
    .orderBy(asc(serviceHours.serviceDate), asc(serviceHours.id));
}

/** Writes the snapshot of what the period's hours certify: the row verification reads from then on. */
export async function certify(
  tx: Tx,
  issue: { userId: number; volunteer: Volunteer; period: Period; code: string; issuedBy: number; now: number },
) {
  const facts = certificateFacts(await entriesOf(tx, issue.userId, issue.period));
  if (!facts.ok) return facts;
  const [row] = await tx
    .insert(certificates)
    .values({
      userId: issue.userId,
      communityId: issue.volunteer.communityId,
      holderName: issue.volunteer.name,
      communityName: issue.volunteer.communityName,
      periodFrom: issue.period.from,
      periodTo: issue.period.to,
      minutes: facts.minutes,
      activityCount: facts.activityCount,
      activities: facts.activities,
      code: issue.code,
      issuedBy: issue.issuedBy,
      issuedAt: issue.now,
    })
    .returning();
  return ok({ certificate: must(row) });
}
