/** Bench data written straight into the database file before the server starts. */
import { nameSearchKeys, must } from "@tongxin/core";
import { Sessions } from "../src/auth/session";
import type { Database } from "../src/db/client";
import {
  activities,
  offerSlots,
  offers,
  roleGrants,
  sessions,
  shifts,
  storeItems,
  teams,
  users,
  volunteers,
} from "../src/db/schema";
import { applyTransfer } from "../src/services/points/ledger";

const HOUR_MS = 3_600_000;
const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** `count` volunteers in community 1, `withSessions` of them signed in; answers their session cookies. */
export async function benchVolunteers(
  database: Database,
  count: number,
  withSessions: number,
  now: number,
): Promise<string[]> {
  const { db } = database;
  const firstPhone = 15_000_000_000;
  const people = Array.from({ length: count }, (_, i) => ({
    phone: String(firstPhone + i),
    name: `志愿者${i}`,
    passwordHash: "bench-no-login",
    communityId: 1 + (i % 5),
    createdAt: now,
  }));
  await db.transaction(async (tx) => {
    await insertChunked(people, async (chunk) => {
      const ids = await tx.insert(users).values(chunk).returning({ id: users.id, communityId: users.communityId });
      const keys = nameSearchKeys("志愿者");
      await tx.insert(volunteers).values(
        ids.map((u) => ({
          userId: u.id,
          communityId: must(u.communityId),
          nameFull: keys.full,
          nameInitials: keys.initials,
          createdAt: now,
        })),
      );
      await tx.insert(roleGrants).values(
        ids.map((u) => ({
          userId: u.id,
          role: "volunteer" as const,
          scopeKind: "community" as const,
          scopeId: must(u.communityId),
          createdAt: now,
        })),
      );
    });
  });
  const sessions = new Sessions(database);
  const rows = await db.select({ id: users.id }).from(users).where(undefined).orderBy(users.id);
  const benchIds = rows
    .slice(-count)
    .filter((_, i) => i % 5 === 0)
    .slice(0, withSessions);
  const cookies: string[] = [];
  for (const { id } of benchIds) {
    const cookie = await sessions.create(id);
    cookies.push(`${cookie.name}=${cookie.value}`);
  }
  return cookies;
}

/** Published activities with one shift each, spread over the next `days` days across the five communities. */
export async function benchActivities(
  database: Database,
  count: number,
  capacity: number,
  now: number,
  days = 60,
): Promise<number[]> {
  const { db } = database;
  const teamRows = await db.select({ id: teams.id, communityId: teams.communityId }).from(teams);
  const organiser = 1;
  const shiftIds: number[] = [];
  await db.transaction(async (tx) => {
    const specs = Array.from({ length: count }, (_, i) => {
      const communityId = 1 + (i % 5);
      // Distinct hours, so one volunteer's shifts never overlap.
      const startsAt = now + 2 * HOUR_MS + Math.floor(i / 5) * Math.floor((days * 24 * HOUR_MS) / Math.ceil(count / 5));
      return { communityId, teamId: must(teamRows.find((t) => t.communityId === communityId)).id, startsAt };
    });
    await insertChunked(specs, async (chunk) => {
      const rows = await tx
        .insert(activities)
        .values(
          chunk.map((s, i) => ({
            communityId: s.communityId,
            teamId: s.teamId,
            organiserUserId: organiser,
            title: `压测活动${i}`,
            description: "",
            category: "other" as const,
            place: "社区",
            visibility: "public" as const,
            status: "published" as const,
            createdAt: now,
            publishedAt: now,
          })),
        )
        .returning({ id: activities.id });
      const made = await tx
        .insert(shifts)
        .values(
          chunk.map((s, i) => ({
            activityId: must(rows[i]).id,
            communityId: s.communityId,
            startsAt: s.startsAt,
            endsAt: s.startsAt + 15 * 60_000,
            capacity,
            signupDeadline: s.startsAt,
            cancelDeadline: s.startsAt - HOUR_MS,
          })),
        )
        .returning({ id: shifts.id, communityId: shifts.communityId });
      shiftIds.push(...made.filter((m) => m.communityId === 1).map((m) => m.id));
    });
  });
  return shiftIds;
}

/** `count` offers spread over the five communities, each with two future slots, from the communities' teams. */
export async function benchOffers(database: Database, count: number, now: number): Promise<void> {
  const { db } = database;
  const teamRows = await db.select({ id: teams.id, communityId: teams.communityId }).from(teams);
  const categories = ["plumbing", "haircut", "tutoring", "health", "companionship"] as const;
  await db.transaction(async (tx) => {
    const specs = Array.from({ length: count }, (_, i) => {
      const team = must(teamRows[i % teamRows.length]);
      return {
        communityId: team.communityId,
        providerKey: `team:${team.id}`,
        category: must(categories[i % categories.length]),
        title: `压测服务${i}`,
        description: "",
        placeKind: "service_point" as const,
        place: "社区",
        schedule: "每周",
        createdBy: 1,
        createdAt: now,
      };
    });
    await insertChunked(specs, async (chunk) => {
      const rows = await tx.insert(offers).values(chunk).returning({ id: offers.id });
      await tx.insert(offerSlots).values(
        rows.flatMap((r, i) =>
          [0, 1].map((k) => ({
            offerId: r.id,
            startsAt: now + (k + 1) * 24 * HOUR_MS + (i % 10) * HOUR_MS,
            endsAt: now + (k + 1) * 24 * HOUR_MS + (i % 10) * HOUR_MS + HOUR_MS,
            capacity: 5,
          })),
        ),
      );
    });
  });
}

/** Points for every signed-in bench volunteer, and one store item in community 1 that will not run out. */
export async function benchPoints(database: Database, pointsEach: number, now: number): Promise<{ itemId: number }> {
  const { db } = database;
  const holders = await db.selectDistinct({ userId: sessions.userId }).from(sessions);
  await db.transaction(async (tx) => {
    for (const { userId } of holders) {
      const granted = await applyTransfer(
        tx,
        {
          debit: "issuance:1",
          credit: `volunteer:${userId}`,
          amount: pointsEach,
          reason: "压测积分",
          cause: null,
          idempotencyKey: `bench-grant-${userId}`,
          pending: false,
        },
        null,
        now,
      );
      if (!granted.ok) throw new Error(granted.reason);
    }
  });
  const [item] = await db
    .insert(storeItems)
    .values({ communityId: 1, name: "压测商品", pointsPrice: 1, stock: 10_000_000, createdAt: now, updatedAt: now })
    .returning({ id: storeItems.id });
  return { itemId: must(item).id };
}
