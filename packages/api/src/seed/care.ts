import { and, asc, count, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import {
  addDays,
  must,
  shanghaiDate,
  type BuiltInCareCategory,
  type CareLevel,
  type ConsentGiver,
  type VisitMode,
  type Wellbeing,
} from "@tongxin/core";
import type { Tx } from "../db/client";
import {
  buildings,
  careProfileCategories,
  carePairings,
  careProfiles,
  careVisits,
  communities,
  grids,
  households,
  users,
  volunteers,
} from "../db/schema";

const DAY_MS = 86_400_000;
/** The profiles were drawn up this many days ago; pairings began a little later. */
const PROFILES_DAYS_AGO = 60;
const PAIRED_DAYS_AGO = 50;
/** Visits this recent are the paired visitor's (waiting for the grid worker's confirmation); older ones the grid worker's. */
const VISITOR_VISITS_DAYS = 14;
const HISTORY_DAYS = 56;
const DEMO_PHONES = ["13800000002", "13800000004", "13800000006", "13800000007"];

type Visitor = "partyMember" | "demoVolunteer" | null;
type Spec = {
  grid: 0 | 1 | 2;
  categories: BuiltInCareCategory[];
  level: CareLevel;
  needs: string;
  consent: ConsentGiver | null;
  photos?: boolean;
  /** The emergency contact's given name (the household's surname goes before it) and relation. */
  contact: [given: string, relation: string] | null;
  visitor: Visitor;
  /** Days since the last visit; null: none yet. */
  lastAgo: number | null;
};

const INTERVAL_DAYS: Record<CareLevel, number> = { weekly: 7, fortnightly: 14, monthly: 30 };

/**
 * 民情账 of 和平社区, grid by grid: 第一网格 holds five households living alone (its count shows), 第二网格 four
 * profiles (suppressed), 第三网格 three. The first is the elderly resident living alone the e2e story pairs with a
 * Party member (no pairing yet, no visit); one is missed (a warning for the grid worker), one overdue within its
 * grace, one without consent.
 */
const SPECS: readonly Spec[] = [
  {
    grid: 0,
    categories: ["livingAlone"],
    level: "weekly",
    needs: "独自居住，腿脚不便，助行器老旧",
    consent: "self",
    contact: ["立伟", "儿子"],
    visitor: null,
    lastAgo: null,
  },
  {
    grid: 0,
    categories: ["livingAlone", "disability"],
    level: "weekly",
    needs: "听力不好，上门请多敲门",
    consent: "self",
    photos: true,
    contact: ["秀英", "女儿"],
    visitor: "demoVolunteer",
    lastAgo: 6,
  },
  {
    grid: 0,
    categories: ["livingAlone"],
    level: "fortnightly",
    needs: "需要帮忙取药",
    consent: "self",
    contact: ["建国", "侄子"],
    visitor: "partyMember",
    lastAgo: 5,
  },
  {
    grid: 0,
    categories: ["livingAlone"],
    level: "fortnightly",
    needs: "",
    consent: "family",
    contact: ["秀英", "女儿"],
    visitor: "partyMember",
    lastAgo: 15,
  },
  {
    grid: 0,
    categories: ["livingAlone", "seriousIllness"],
    level: "weekly",
    needs: "术后康复，每周需有人看望",
    consent: "self",
    contact: ["立伟", "儿子"],
    visitor: "demoVolunteer",
    lastAgo: 25,
  },
  {
    grid: 0,
    categories: ["emptyNest"],
    level: "monthly",
    needs: "子女在外地，想学用手机视频",
    consent: "self",
    photos: true,
    contact: ["立伟", "儿子"],
    visitor: "demoVolunteer",
    lastAgo: 12,
  },
  {
    grid: 0,
    categories: ["emptyNest"],
    level: "monthly",
    needs: "",
    consent: "self",
    contact: null,
    visitor: null,
    lastAgo: 20,
  },
  {
    grid: 0,
    categories: ["disability"],
    level: "fortnightly",
    needs: "轮椅需要维修",
    consent: null,
    contact: ["桂芳", "妻子"],
    visitor: null,
    lastAgo: 9,
  },
  {
    grid: 0,
    categories: ["leftBehindChild"],
    level: "monthly",
    needs: "放学后无人看管，需要课业辅导",
    consent: "guardian",
    contact: ["淑珍", "奶奶"],
    visitor: null,
    lastAgo: 16,
  },
  {
    grid: 1,
    categories: ["livingAlone"],
    level: "weekly",
    needs: "",
    consent: "self",
    contact: ["志强", "外甥"],
    visitor: "partyMember",
    lastAgo: 3,
  },
  {
    grid: 1,
    categories: ["livingAlone"],
    level: "fortnightly",
    needs: "冬季取暖费有困难",
    consent: "self",
    contact: ["秀英", "女儿"],
    visitor: null,
    lastAgo: 8,
  },
  {
    grid: 1,
    categories: ["hardshipFamily"],
    level: "monthly",
    needs: "低保家庭，孩子上学需要资助",
    consent: "self",
    contact: null,
    visitor: null,
    lastAgo: 18,
  },
  {
    grid: 1,
    categories: ["childInDifficulty"],
    level: "monthly",
    needs: "",
    consent: "guardian",
    contact: ["德明", "爷爷"],
    visitor: null,
    lastAgo: 10,
  },
  {
    grid: 2,
    categories: ["emptyNest"],
    level: "monthly",
    needs: "",
    consent: "self",
    contact: ["立伟", "儿子"],
    visitor: null,
    lastAgo: 7,
  },
  {
    grid: 2,
    categories: ["hardshipFamily"],
    level: "monthly",
    needs: "失业，需要就业信息",
    consent: "self",
    contact: null,
    visitor: null,
    lastAgo: 14,
  },
  {
    grid: 2,
    categories: ["disability"],
    level: "fortnightly",
    needs: "",
    consent: "family",
    contact: ["永刚", "丈夫"],
    visitor: null,
    lastAgo: 4,
  },
];

const WELLBEING: readonly Wellbeing[] = ["good", "good", "fair", "good", "poor", "fair"];
const VISIT_NEEDS = [
  "身体尚好，聊了家常",
  "提醒按时吃药",
  "帮忙打扫了厨房",
  "血压偏高，建议去社区卫生站",
  "",
  "送去米和油",
];

/** The community's households, each with its top grid (by position) and residents, in household order. */
async function doorsOf(tx: Tx, communityId: number, visitors: Visitors) {
  const topGrids = await tx
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.communityId, communityId), isNull(grids.parentId)))
    .orderBy(asc(grids.id));
  const subGrids = await tx
    .select({ id: grids.id, parentId: grids.parentId })
    .from(grids)
    .where(and(eq(grids.communityId, communityId), isNotNull(grids.parentId)));
  const topOf = (gridId: number) => subGrids.find((g) => g.id === gridId)?.parentId ?? gridId;
  const demo = await tx.select({ householdId: users.householdId }).from(users).where(inArray(users.phone, DEMO_PHONES));
  const rows = await tx
    .select({ id: households.id, gridId: buildings.gridId, residents: count(users.id) })
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .leftJoin(users, eq(users.householdId, households.id))
    .where(eq(households.communityId, communityId))
    .groupBy(households.id)
    .orderBy(asc(households.id));
  // Nobody is paired with their own home: the visitors' households are not among the cared-for ones.
  const taken = new Set([...demo.map((d) => d.householdId), visitors.partyMemberHouseholdId]);
  return rows
    .filter((h) => !taken.has(h.id))
    .map((h) => ({ ...h, top: topGrids.findIndex((g) => g.id === topOf(h.gridId)) }));
}

/** A Party member of the community who is no demo account, and the demo volunteer (not a Party member in the demo). */
async function visitorsOf(tx: Tx, communityId: number) {
  const [member] = await tx
    .select({ id: volunteers.userId, householdId: users.householdId })
    .from(volunteers)
    .innerJoin(users, eq(users.id, volunteers.userId))
    .where(and(eq(volunteers.communityId, communityId), isNotNull(volunteers.partyStatus)))
    .orderBy(asc(volunteers.userId))
    .limit(1);
  const phones = await tx
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(inArray(users.phone, ["13800000002", "13800000004", "13800000006"]));
  const byPhone = (phone: string) => must(phones.find((p) => p.phone === phone)).id;
  return {
    partyMember: must(member).id,
    partyMemberHouseholdId: must(member).householdId,
    demoVolunteer: byPhone("13800000006"),
    staff: byPhone("13800000002"),
    gridWorker: byPhone("13800000004"),
  };
}

type Visitors = Awaited<ReturnType<typeof visitorsOf>>;

/** Visits back from the last one, one per interval over HISTORY_DAYS: the recent by the paired visitor, older by the grid's worker or staff. */
function visitsOf(spec: Spec, i: number, today: string, visitors: Visitors) {
  if (spec.lastAgo === null) return [];
  const official = spec.grid === 0 ? visitors.gridWorker : visitors.staff;
  const days: number[] = [];
  for (let ago = spec.lastAgo; ago <= HISTORY_DAYS; ago += INTERVAL_DAYS[spec.level] - 1) days.push(ago);
  return days.map((ago, k) => {
    const byVisitor = spec.visitor !== null && ago <= VISITOR_VISITS_DAYS && spec.consent !== null;
    const visitedOn = addDays(today, -ago);
    return {
      visitorUserId: byVisitor && spec.visitor ? visitors[spec.visitor] : official,
      byVolunteer: byVisitor,
      visitedOn,
      mode: ((i + k) % 4 === 3 ? "phone" : "inPerson") as VisitMode,
      wellbeing: must(WELLBEING[(i + k) % WELLBEING.length]),
      needs: must(VISIT_NEEDS[(i * 3 + k) % VISIT_NEEDS.length]),
      createdAt: Date.parse(`${visitedOn}T10:00:00+08:00`),
    };
  });
}

/** Care profiles, pairings and visit history in 和平社区 (decision 0016), as of `now`; deterministic, no randomness. */
export async function seedCare(tx: Tx, now: number): Promise<void> {
  const [community] = await tx.select({ id: communities.id }).from(communities).where(eq(communities.name, "和平社区"));
  const communityId = must(community).id;
  const visitors = await visitorsOf(tx, communityId);
  const doors = await doorsOf(tx, communityId, visitors);
  const today = shanghaiDate(now);
  const used = new Set<number>();
  for (const [i, spec] of SPECS.entries()) {
    // The first (living alone) needs one registered resident: the e2e story visits them and posts for them.
    const door = must(
      doors.find((d) => d.top === spec.grid && !used.has(d.id) && (i > 0 || d.residents === 1)),
      "a free door in the grid",
    );
    used.add(door.id);
    await seedHousehold(tx, { communityId, door, spec, i, now, today, visitors });
  }
}

async function seedHousehold(
  tx: Tx,
  c: {
    communityId: number;
    door: { id: number; gridId: number };
    spec: Spec;
    i: number;
    now: number;
    today: string;
    visitors: Visitors;
  },
) {
  const { communityId, door, spec, i, now, today, visitors } = c;
  const [resident] = await tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.householdId, door.id))
    .orderBy(asc(users.id))
    .limit(1);
  const surname = resident?.name.slice(0, 1) ?? "王";
  const visits = visitsOf(spec, i, today, visitors);
  const madeAt = now - PROFILES_DAYS_AGO * DAY_MS;
  const consentName =
    spec.consent === "self" ? (resident?.name ?? `${surname}女士`) : `${surname}${spec.contact?.[0] ?? "家属"}`;
  await tx.insert(careProfiles).values({
    householdId: door.id,
    communityId,
    gridId: door.gridId,
    level: spec.level,
    needs: spec.needs,
    emergencyName: spec.contact ? `${surname}${spec.contact[0]}` : null,
    emergencyRelation: spec.contact?.[1] ?? null,
    emergencyPhone: spec.contact ? `139123400${String(i + 10)}` : null,
    consentBy: spec.consent,
    consentByName: spec.consent ? consentName : null,
    consentAt: spec.consent ? madeAt : null,
    consentPhotos: spec.photos ?? false,
    consentRecordedBy: spec.consent ? visitors.staff : null,
    sinceOn: spec.lastAgo === null ? addDays(today, -2) : shanghaiDate(madeAt),
    lastVisitedOn: visits[0]?.visitedOn ?? null,
    createdBy: visitors.staff,
    createdAt: madeAt,
    updatedAt: madeAt,
  });
  await tx
    .insert(careProfileCategories)
    .values(spec.categories.map((category) => ({ householdId: door.id, gridId: door.gridId, category })));
  if (spec.visitor)
    await tx.insert(carePairings).values({
      communityId,
      householdId: door.id,
      visitorUserId: visitors[spec.visitor],
      kind: spec.visitor === "partyMember" ? "partyMember" : "volunteer",
      startedAt: now - PAIRED_DAYS_AGO * DAY_MS,
      startedBy: visitors.staff,
    });
  if (visits.length > 0)
    await tx
      .insert(careVisits)
      .values(visits.map((v) => ({ ...v, communityId, gridId: door.gridId, householdId: door.id })));
}
