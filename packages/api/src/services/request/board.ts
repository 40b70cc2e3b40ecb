import { and, desc, eq, gt, isNotNull } from "drizzle-orm";
import { fail, maskName, ok, must } from "@tongxin/core";
import { communities, requestCounts, requests, users } from "../../db/schema";
import type { Call } from "../call";
import { toIso } from "../../time";

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? must(sorted[mid]) : (must(sorted[mid - 1]) + must(sorted[mid])) / 2;
};

const RECENT_MAX = 1000;

/** 公示 of the closed loop, public: counts by state, speed, residents' confirmation and rating, recent closures with masked names. */
export async function publicBoard({ deps }: Call, communityId: number) {
  const db = deps.database.db;
  const [community] = await db
    .select({ name: communities.name })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!community) return fail("not_found");
  const byStatus = await db
    .select({ status: requestCounts.status, n: requestCounts.n })
    .from(requestCounts)
    .where(and(eq(requestCounts.communityId, communityId), gt(requestCounts.n, 0)));
  const recent = await db
    .select({
      createdAt: requests.createdAt,
      acceptedAt: requests.acceptedAt,
      closedAt: requests.closedAt,
      status: requests.status,
      closure: requests.closure,
      rating: requests.rating,
    })
    .from(requests)
    .where(eq(requests.communityId, communityId))
    .orderBy(desc(requests.id))
    .limit(RECENT_MAX);
  const closed = recent.filter((r) => r.status === "closed");
  const confirmed = closed.filter((r) => r.closure === "confirmed");
  const ratings = confirmed.map((r) => r.rating).filter((x): x is number => x !== null);
  const latest = await db
    .select({
      id: requests.id,
      kind: requests.kind,
      category: requests.category,
      closure: requests.closure,
      rating: requests.rating,
      closedAt: requests.closedAt,
      ownerName: users.name,
    })
    .from(requests)
    .innerJoin(users, eq(users.id, requests.ownerUserId))
    .where(and(eq(requests.communityId, communityId), eq(requests.status, "closed"), isNotNull(requests.closedAt)))
    .orderBy(desc(requests.closedAt))
    .limit(10);
  const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10);
  return ok({
    community: community.name,
    counts: Object.fromEntries(byStatus.map((s) => [s.status, s.n])),
    medianHoursToAccept: hours(
      median(recent.flatMap((r) => (r.acceptedAt === null ? [] : [r.acceptedAt - r.createdAt]))),
    ),
    medianHoursToClose: hours(median(closed.flatMap((r) => (r.closedAt === null ? [] : [r.closedAt - r.createdAt])))),
    confirmedShare: closed.length ? Math.round((confirmed.length / closed.length) * 100) / 100 : null,
    averageRating: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null,
    recentlyClosed: latest.map(({ ownerName, closedAt, ...r }) => ({
      ...r,
      owner: maskName(ownerName),
      closedAt: toIso(closedAt),
    })),
  });
}
