import { and, asc, eq, isNotNull } from "drizzle-orm";
import { must, shanghaiDate, type CommitmentState } from "@tongxin/core";
import type { Tx } from "../db/client";
import { commitmentReports, commitments, communities, partnerUnits, users, volunteers } from "../db/schema";

const DAY_MS = 86_400_000;
const DEMO_PHONES = ["13800000001", "13800000002", "13800000003", "13800000004", "13800000005", "13800000006"];

type Seeded = {
  committer: { kind: "member"; userId: number } | { kind: "branch" } | { kind: "partner"; unitId: number };
  what: string;
  dueInDays: number;
  madeDaysAgo: number;
  state: CommitmentState;
  reason?: string;
  reports: readonly string[];
};

/** Two Party members of the community, one who consented to show their name and one who did not (never a demo account). */
async function partyMembers(tx: Tx, communityId: number) {
  const rows = await tx
    .select({ userId: volunteers.userId, consent: volunteers.publicNameConsent, phone: users.phone })
    .from(volunteers)
    .innerJoin(users, eq(users.id, volunteers.userId))
    .where(and(eq(volunteers.communityId, communityId), isNotNull(volunteers.partyStatus)))
    .orderBy(asc(volunteers.userId));
  const others = rows.filter((r) => !DEMO_PHONES.includes(r.phone));
  return { consenting: others.find((r) => r.consent), private: others.find((r) => !r.consent) };
}

/** 承诺践诺 in 和平社区: commitments kept, not kept, open, due soon and overdue, by members, the branch and a unit. */
export async function seedCommitments(tx: Tx, now: number): Promise<void> {
  const [community] = await tx.select({ id: communities.id }).from(communities).where(eq(communities.name, "和平社区"));
  const communityId = must(community).id;
  const [staff] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, "13800000002"));
  const [unit] = await tx
    .select({ id: partnerUnits.id })
    .from(partnerUnits)
    .where(eq(partnerUnits.communityId, communityId))
    .orderBy(asc(partnerUnits.id))
    .limit(1);
  const members = await partyMembers(tx, communityId);
  const seeded: Seeded[] = [
    ...(members.consenting
      ? [
          {
            committer: { kind: "member", userId: members.consenting.userId },
            what: "每周为3号楼独居老人上门送菜一次",
            dueInDays: -5,
            madeDaysAgo: 60,
            state: "kept",
            reports: ["已连续上门八周", "老人家属送来感谢信"],
          } as const,
        ]
      : []),
    ...(members.private
      ? [
          {
            committer: { kind: "member", userId: members.private.userId },
            what: "年底前帮助10户居民学会使用手机挂号",
            dueInDays: 5,
            madeDaysAgo: 30,
            state: "open",
            reports: ["已教会6户"],
          } as const,
        ]
      : []),
    {
      committer: { kind: "branch" },
      what: "修复和平花园5号楼楼道声控灯",
      dueInDays: -3,
      madeDaysAgo: 20,
      state: "open",
      reports: ["已报物业，等待配件"],
    },
    {
      committer: { kind: "branch" },
      what: "每月开展一次党员楼道清扫",
      dueInDays: -40,
      madeDaysAgo: 120,
      state: "kept",
      reports: ["三次清扫完成"],
    },
    ...(unit
      ? [
          {
            committer: { kind: "partner", unitId: unit.id },
            what: "为社区老人开展两次免费义诊",
            dueInDays: 30,
            madeDaysAgo: 10,
            state: "open",
            reports: ["第一次义诊已完成，服务42人"],
          } as const,
          {
            committer: { kind: "partner", unitId: unit.id },
            what: "捐赠20套桌椅用于社区四点半课堂",
            dueInDays: -15,
            madeDaysAgo: 90,
            state: "notKept",
            reason: "单位预算调整，改为明年实施",
            reports: [],
          } as const,
        ]
      : []),
  ];
  for (const s of seeded) await seedOne(tx, communityId, must(staff).id, s, now);
}

async function seedOne(tx: Tx, communityId: number, staffId: number, s: Seeded, now: number) {
  const madeBy = s.committer.kind === "member" ? s.committer.userId : staffId;
  const decided = s.state !== "open";
  const [made] = await tx
    .insert(commitments)
    .values({
      communityId,
      committerKind: s.committer.kind,
      committerUserId: s.committer.kind === "member" ? s.committer.userId : null,
      partnerUnitId: s.committer.kind === "partner" ? s.committer.unitId : null,
      what: s.what,
      dueOn: shanghaiDate(now + s.dueInDays * DAY_MS),
      state: s.state,
      outcomeReason: s.reason ?? null,
      decidedBy: decided ? staffId : null,
      decidedAt: decided ? now + Math.min(s.dueInDays, -1) * DAY_MS : null,
      createdBy: madeBy,
      createdAt: now - s.madeDaysAgo * DAY_MS,
    })
    .returning({ id: commitments.id });
  if (s.reports.length === 0) return;
  await tx.insert(commitmentReports).values(
    s.reports.map((text, i) => ({
      commitmentId: must(made).id,
      authorUserId: madeBy,
      text,
      createdAt: now - Math.round((s.madeDaysAgo * (s.reports.length - i)) / (s.reports.length + 1)) * DAY_MS,
    })),
  );
}
