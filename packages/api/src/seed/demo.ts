import { count } from "drizzle-orm";
import type { Role, ScopeKind } from "@tongxin/core";
import { hashPassword } from "../auth/password";
import type { Db, Tx } from "../db/client";
import { buildings, communities, grids, households, roleGrants, streets, teams, users } from "../db/schema";
import { personName, prng } from "./names";
import { seedVolunteering } from "./volunteering";
import { seedOffers, seedProjects, seedRequests } from "./requests";
import { seedPoints } from "./points";
import { seedRatings } from "./ratings";
import { seedCertificates } from "./certificates";
import { seedTopics } from "./topics";
import { seedCommitments } from "./commitments";
import { seedMeetings } from "./meetings";
import { seedCare } from "./care";
import { seedOutbox } from "./outbox";
import { must } from "@tongxin/core";

const DEMO_PASSWORD = "demo12345";

/** One demo account per role (two committee members), phones 13800000001…08, all in the first community, grid and team. */
const DEMO_ACCOUNTS: readonly { phone: string; name: string; role: Role }[] = [
  { phone: "13800000001", name: "周文斌", role: "streetAdmin" },
  { phone: "13800000002", name: "陈雅琴", role: "communityStaff" },
  { phone: "13800000003", name: "刘德顺", role: "committeeMember" },
  { phone: "13800000004", name: "孙晓梅", role: "gridWorker" },
  { phone: "13800000005", name: "赵志刚", role: "teamLeader" },
  { phone: "13800000006", name: "吴思远", role: "volunteer" },
  { phone: "13800000007", name: "郑桂兰", role: "resident" },
  // A committee has several members: two so that votes are tallied.
  { phone: "13800000008", name: "钱秀英", role: "committeeMember" },
];

const STREET = "青枫街道";
const COMMUNITIES = [
  { name: "和平社区", kind: "community", estates: ["和平花园", "康乐苑"], supervisionPhone: "010-65012341" },
  { name: "幸福里社区", kind: "community", estates: ["幸福里小区", "锦华苑"], supervisionPhone: "010-65012342" },
  { name: "春晖社区", kind: "community", estates: ["春晖家园", "枫林小区"], supervisionPhone: "010-65012343" },
  { name: "锦绣社区", kind: "community", estates: ["锦绣城", "东湖小区"], supervisionPhone: "010-65012344" },
  { name: "柳湾村", kind: "village", estates: ["柳湾新村", "北岗组"], supervisionPhone: "010-65012345" },
] as const;
const TEAM_KINDS = ["医疗保健", "环境卫生", "政策宣传", "矛盾调解", "治安维稳", "暖心帮扶"] as const;
const GRID_NAMES = ["第一网格", "第二网格", "第三网格"];
const SUB_GRIDS = ["1号微网格", "2号微网格"];
const DOORS = ["1单元101", "1单元102", "1单元201", "1单元202", "2单元101", "2单元102", "2单元201", "2单元202"];

type Ids = {
  streetId: number;
  firstCommunityId: number;
  firstGridId: number;
  firstBuildingId: number;
  firstTeamId: number;
};

/** Streets, communities, nested grids, buildings, households and teams. */
async function seedStructure(
  tx: Tx,
  now: number,
): Promise<Ids & { householdsByCommunity: Map<number, { id: number; buildingId: number }[]> }> {
  const [street] = await tx.insert(streets).values({ name: STREET, createdAt: now }).returning({ id: streets.id });
  const ids = { streetId: must(street).id, firstCommunityId: 0, firstGridId: 0, firstBuildingId: 0, firstTeamId: 0 };
  const householdsByCommunity = new Map<number, { id: number; buildingId: number }[]>();
  let buildingNo = 0;
  for (const spec of COMMUNITIES) {
    const [community] = await tx
      .insert(communities)
      .values({
        streetId: ids.streetId,
        name: spec.name,
        kind: spec.kind,
        supervisionPhone: spec.supervisionPhone,
        createdAt: now,
      })
      .returning({ id: communities.id });
    const communityId = must(community).id;
    ids.firstCommunityId ||= communityId;
    const teamRows = await tx
      .insert(teams)
      .values(TEAM_KINDS.map((kind) => ({ communityId, name: `${spec.name}${kind}志愿服务队`, kind, createdAt: now })))
      .returning({ id: teams.id });
    ids.firstTeamId ||= must(teamRows.at(-1)).id;
    const doors: { id: number; buildingId: number }[] = [];
    for (const [g, gridName] of GRID_NAMES.entries()) {
      const [grid] = await tx
        .insert(grids)
        .values({ communityId, level: 1, name: gridName, createdAt: now })
        .returning({ id: grids.id });
      ids.firstGridId ||= must(grid).id;
      const subRows = await tx
        .insert(grids)
        .values(SUB_GRIDS.map((name) => ({ communityId, parentId: must(grid).id, level: 2, name, createdAt: now })))
        .returning({ id: grids.id });
      for (const sub of subRows) {
        for (let b = 0; b < 2; b++) {
          buildingNo += 1;
          const estate = must(spec.estates[g % spec.estates.length]);
          const [building] = await tx
            .insert(buildings)
            .values({ communityId, gridId: sub.id, estate, name: `${(buildingNo % 24) + 1}栋`, createdAt: now })
            .returning({ id: buildings.id });
          ids.firstBuildingId ||= must(building).id;
          const rows = await tx
            .insert(households)
            .values(DOORS.map((name) => ({ communityId, buildingId: must(building).id, name, createdAt: now })))
            .returning({ id: households.id });
          doors.push(...rows.map((r) => ({ id: r.id, buildingId: must(building).id })));
        }
      }
    }
    householdsByCommunity.set(communityId, doors);
  }
  return { ...ids, householdsByCommunity };
}

const scopeFor = (role: Role, ids: Ids): { scopeKind: ScopeKind; scopeId: number } => {
  switch (role) {
    case "streetAdmin":
      return { scopeKind: "street", scopeId: ids.streetId };
    case "gridWorker":
      return { scopeKind: "grid", scopeId: ids.firstGridId };
    case "teamLeader":
      return { scopeKind: "team", scopeId: ids.firstTeamId };
    default:
      return { scopeKind: "community", scopeId: ids.firstCommunityId };
  }
};

/**
 * A demo street modelled on the seed articles, with invented names. Runs only
 * on an empty database and only when SEED=demo: demo passwords never exist otherwise.
 */
export async function seedDemoIfEmpty(db: Db, now: number): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(streets);
  if ((existing?.n ?? 0) > 0) return false;
  const demoHash = await hashPassword(DEMO_PASSWORD);
  // Seeded residents never sign in: one hash of a random password serves them all.
  const residentHash = await hashPassword(crypto.randomUUID());
  const random = prng(20261127);
  await db.transaction(async (tx) => {
    const ids = await seedStructure(tx, now);
    // The demo resident and volunteer live behind the first two doors of the first building.
    const doors = must(ids.householdsByCommunity.get(ids.firstCommunityId)).filter(
      (d) => d.buildingId === ids.firstBuildingId,
    );
    for (const account of DEMO_ACCOUNTS) {
      const communityId = account.role === "streetAdmin" ? null : ids.firstCommunityId;
      const home = account.role === "resident" ? doors[0] : account.role === "volunteer" ? doors[1] : undefined;
      const [user] = await tx
        .insert(users)
        .values({
          phone: account.phone,
          name: account.name,
          passwordHash: demoHash,
          communityId,
          buildingId: home?.buildingId ?? null,
          householdId: home?.id ?? null,
          createdAt: now,
        })
        .returning({ id: users.id });
      await tx
        .insert(roleGrants)
        .values({ userId: must(user).id, role: account.role, ...scopeFor(account.role, ids), createdAt: now });
      if (communityId && account.role !== "resident")
        await tx.insert(roleGrants).values({
          userId: must(user).id,
          role: "resident",
          scopeKind: "community",
          scopeId: communityId,
          createdAt: now,
        });
    }
    let phoneNo = 13900000000;
    for (const [communityId, doors] of ids.householdsByCommunity) {
      for (const door of doors) {
        if (random() < 0.15) continue; // some doors stand empty or are not registered yet
        const [user] = await tx
          .insert(users)
          .values({
            phone: String((phoneNo += 1 + Math.floor(random() * 50))),
            name: personName(random),
            passwordHash: residentHash,
            communityId,
            buildingId: door.buildingId,
            householdId: door.id,
            createdAt: now,
          })
          .returning({ id: users.id });
        const roles: Role[] = random() < 0.25 ? ["resident", "volunteer"] : ["resident"];
        await tx.insert(roleGrants).values(
          roles.map((role) => ({
            userId: must(user).id,
            role,
            scopeKind: "community" as const,
            scopeId: communityId,
            createdAt: now,
          })),
        );
      }
    }
    await seedVolunteering(tx, now, random);
    await seedRequests(tx, now, random);
    await seedOffers(tx, now);
    await seedProjects(tx, now);
    await seedPoints(tx, now);
    await seedRatings(tx, now);
    await seedCertificates(tx, now);
    await seedTopics(tx, now);
    await seedCommitments(tx, now);
    await seedMeetings(tx, now);
    await seedCare(tx, now);
    await seedOutbox(tx, now);
  });
  return true;
}
