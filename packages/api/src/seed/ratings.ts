import { and, asc, eq, isNotNull } from "drizzle-orm";
import {
  BUILT_IN_SCHEMES,
  noticeEndsAt,
  periodRange,
  shanghaiDate,
  type DecisionRule,
  type StarSpec,
  must,
} from "@tongxin/core";
import type { Tx } from "../db/client";
import {
  ratingAwards,
  ratingCycles,
  ratingDecisions,
  ratingNominations,
  ratingObjections,
  ratingSchemes,
  ratingVotes,
  roleGrants,
  users,
  volunteers,
} from "../db/schema";
import { gatherEvidence, loadSubject } from "../services/rating/subjects";

const DAY_MS = 86_400_000;

type CycleSeed = {
  schemeId: number;
  stars: StarSpec[];
  title: string;
  periodLabel: string;
  status: "reviewing" | "notice" | "published";
  nominationEndsAt: number;
  noticeStartedAt: number | null;
  publishedAt: number | null;
  candidates: { key: string; statements: Record<string, string>; awarded: string[] | null; reason: string }[];
};

/** A cycle written in the state it reached: nominations with evidence, both members' votes, decisions, and awards once published. */
async function seedCycle(tx: Tx, c: CycleSeed, communityId: number, members: number[], now: number) {
  const [periodStart, periodEnd] = must(periodRange(c.periodLabel));
  const rule: DecisionRule = "majority";
  const [cycle] = await tx
    .insert(ratingCycles)
    .values({
      schemeId: c.schemeId,
      communityId,
      title: c.title,
      periodLabel: c.periodLabel,
      periodStart,
      periodEnd,
      nominationEndsAt: c.nominationEndsAt,
      reviewEndsAt: c.nominationEndsAt + 7 * DAY_MS,
      noticeWorkingDays: 5,
      decisionRule: rule,
      status: c.status,
      noticeStartedAt: c.noticeStartedAt,
      publishedAt: c.publishedAt,
      createdBy: must(members[0]),
      createdAt: c.nominationEndsAt - 20 * DAY_MS,
    })
    .returning({ id: ratingCycles.id });
  const ids: number[] = [];
  for (const candidate of c.candidates) {
    const subject = must(await loadSubject(tx, candidate.key));
    const evidence = await gatherEvidence(tx, subject, periodStart, Math.min(periodEnd, now));
    const [nomination] = await tx
      .insert(ratingNominations)
      .values({
        cycleId: must(cycle).id,
        subjectKey: candidate.key,
        route: "committee",
        nominatorUserId: must(members[0]),
        statements: JSON.stringify(candidate.statements),
        evidenceText: "",
        evidenceAuto: JSON.stringify(evidence),
        createdAt: c.nominationEndsAt - 5 * DAY_MS,
      })
      .returning({ id: ratingNominations.id });
    ids.push(must(nomination).id);
    const yes = candidate.awarded ?? c.stars.slice(0, 3).map((s) => s.key);
    for (const member of c.status === "reviewing" ? members.slice(0, 1) : members) {
      await tx.insert(ratingVotes).values(
        c.stars.map((s) => ({
          nominationId: must(nomination).id,
          starKey: s.key,
          memberUserId: member,
          award: yes.includes(s.key),
          comment: yes.includes(s.key) ? "事迹属实" : "",
          updatedAt: c.nominationEndsAt + DAY_MS,
        })),
      );
    }
    if (candidate.awarded === null) continue;
    await tx.insert(ratingDecisions).values({
      nominationId: must(nomination).id,
      stars: JSON.stringify(candidate.awarded),
      reason: candidate.reason,
      decidedBy: must(members[0]),
      decidedAt: c.nominationEndsAt + 3 * DAY_MS,
      noticeEndsAt: c.noticeStartedAt === null ? null : noticeEndsAt(c.noticeStartedAt, 5),
    });
    if (c.status === "published" && candidate.awarded.length > 0) {
      await tx.insert(ratingAwards).values({
        cycleId: must(cycle).id,
        nominationId: must(nomination).id,
        schemeId: c.schemeId,
        communityId,
        subjectKey: candidate.key,
        stars: JSON.stringify(candidate.awarded),
        starCount: candidate.awarded.length,
        periodLabel: c.periodLabel,
        publishedAt: must(c.publishedAt),
      });
    }
  }
  return { cycleId: must(cycle).id, nominationIds: ids };
}

/**
 * The ratings of 和平社区: last year's 五星党员 and 五星家庭 published (on the
 * honor roll), this year's 服务之星 in public notice with an objection
 * answered, and this year's 五星党员 in review.
 */
export async function seedRatings(tx: Tx, now: number): Promise<void> {
  const communityId = 1;
  const members = (
    await tx
      .select({ id: roleGrants.userId })
      .from(roleGrants)
      .where(and(eq(roleGrants.role, "committeeMember"), eq(roleGrants.scopeId, communityId)))
      .orderBy(asc(roleGrants.userId))
  ).map((m) => m.id);
  if (members.length === 0) return;
  const schemes = await tx.select().from(ratingSchemes);
  const party = must(schemes.find((s) => s.code === must(BUILT_IN_SCHEMES[0]).code));
  const family = must(schemes.find((s) => s.code === must(BUILT_IN_SCHEMES[1]).code));
  const partyStars = JSON.parse(party.stars) as StarSpec[];
  const familyStars = JSON.parse(family.stars) as StarSpec[];
  const partyMembers = (
    await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(volunteers, eq(volunteers.userId, users.id))
      .where(and(eq(users.communityId, communityId), isNotNull(volunteers.partyStatus)))
      .orderBy(asc(users.id))
      .limit(5)
  ).map((p) => `user:${p.id}`);
  const homes = (
    await tx
      .selectDistinct({ id: users.householdId })
      .from(users)
      .where(and(eq(users.communityId, communityId), isNotNull(users.householdId)))
      .orderBy(asc(users.householdId))
      .limit(4)
  ).map((h) => `household:${h.id}`);
  const year = Number(shanghaiDate(now).slice(0, 4));
  const lastYear = `${year - 1}`;
  const december = (day: number) => Date.parse(`${lastYear}-12-${String(day).padStart(2, "0")}T09:00:00+08:00`);
  const all = (stars: StarSpec[]) => stars.map((s) => s.key);

  await seedCycle(
    tx,
    {
      schemeId: party.id,
      stars: partyStars,
      title: `和平社区${lastYear}年度五星党员评选`,
      periodLabel: lastYear,
      status: "published",
      nominationEndsAt: december(5),
      noticeStartedAt: december(15),
      publishedAt: december(28),
      candidates: partyMembers.slice(0, 3).map((key, i) => ({
        key,
        statements: { devotion: "常年参加志愿服务", help: "结对帮扶困难老人" },
        awarded: i === 0 ? all(partyStars) : all(partyStars).slice(0, 3 + i),
        reason: "两委会议表决通过",
      })),
    },
    communityId,
    members,
    now,
  );
  await seedCycle(
    tx,
    {
      schemeId: family.id,
      stars: familyStars,
      title: `和平社区${lastYear}年度五星家庭评选`,
      periodLabel: lastYear,
      status: "published",
      nominationEndsAt: december(5),
      noticeStartedAt: december(15),
      publishedAt: december(28),
      candidates: homes.slice(1, 4).map((key, i) => ({
        key,
        statements: { filial: "孝老爱亲，邻里称赞", green: "垃圾分类示范户" },
        awarded: i === 1 ? all(familyStars) : all(familyStars).slice(0, 4),
        reason: "两委会议表决通过",
      })),
    },
    communityId,
    members,
    now,
  );

  const [service] = await tx
    .insert(ratingSchemes)
    .values({
      communityId,
      name: "服务之星",
      subjectKind: "volunteer",
      stars: JSON.stringify([
        {
          key: "service",
          name: "服务之星",
          criteria: "本年度志愿服务时长和群众评价位居前列。",
          evidence: { metric: "serviceMinutes", min: 50 * 60 },
        },
      ]),
      createdBy: must(members[0]),
      createdAt: now - 60 * DAY_MS,
    })
    .returning();
  const serviceStars = JSON.parse(must(service).stars) as StarSpec[];
  const regulars = (
    await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(volunteers, eq(volunteers.userId, users.id))
      .where(eq(users.communityId, communityId))
      .orderBy(asc(users.id))
      .limit(12)
  ).map((u) => `user:${u.id}`);
  const inNotice = await seedCycle(
    tx,
    {
      schemeId: must(service).id,
      stars: serviceStars,
      title: `和平社区${year}年度服务之星评选`,
      periodLabel: `${year}`,
      status: "notice",
      nominationEndsAt: now - 12 * DAY_MS,
      noticeStartedAt: now - DAY_MS,
      publishedAt: null,
      candidates: regulars.slice(8, 11).map((key) => ({
        key,
        statements: { service: "全年坚持每周服务" },
        awarded: ["service"],
        reason: "服务时长和评价均居前列",
      })),
    },
    communityId,
    members,
    now,
  );
  const [objector] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, "13800000007"));
  await tx.insert(ratingObjections).values({
    nominationId: must(inNotice.nominationIds[0]),
    cycleId: inNotice.cycleId,
    objectorUserId: must(objector).id,
    reason: "听说他今年服务次数不多",
    createdAt: now - DAY_MS / 2,
    answer: "经核对志愿服务记录，该同志本年度服务时长超过 150 小时，异议不成立。",
    outcome: "dismissed",
    answeredBy: must(members[0]),
    answeredAt: now - DAY_MS / 4,
  });

  await seedCycle(
    tx,
    {
      schemeId: party.id,
      stars: partyStars,
      title: `和平社区${year}年度五星党员评选`,
      periodLabel: `${year}`,
      status: "reviewing",
      nominationEndsAt: now - 2 * DAY_MS,
      noticeStartedAt: null,
      publishedAt: null,
      candidates: partyMembers.slice(0, 2).map((key) => ({
        key,
        statements: { study: "坚持参加主题党日", devotion: "服务时长全社区前列" },
        awarded: null,
        reason: "",
      })),
    },
    communityId,
    members,
    now,
  );
}
