import { hc, type InferRequestType } from "hono/client";
import type { AppType } from "@tongxin/api";
import type {
  ACTIVITY_CATEGORIES,
  ApiTokenAccess,
  Channel,
  DeliveryState,
  BuiltInProcedure,
  CommitmentOutcome,
  CommitmentState,
  CommitterKind,
  ExportFormat,
  ExportLanguage,
  MeetingBody,
  MeetingRule,
  PARTNER_KINDS,
  PARTY_STATUSES,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  RequestCategory,
  Role,
  StepKey,
  TopicLinkKind,
  TopicStatus,
  VISIBILITIES,
  VisitorKind,
} from "@tongxin/core";
import { forgetAnswers, noteAnswer } from "./offline";

/** Every call the web app makes, typed by the API's own routes. */
const client = hc<AppType>("/api");

export type FieldIssue = { path: string; code: string; message: string };

/** A refusal from the API in its one error shape; the UI translates `reason` or `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string | undefined,
    readonly issues: FieldIssue[],
    /** From Retry-After on a 429: how long to wait before trying again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(reason ?? code);
  }
}

type Res<T> = { ok: boolean; status: number; url: string; headers: Headers; json(): Promise<T> };

async function ask<T>(request: Promise<Res<T>>): Promise<T> {
  let res: Res<T>;
  try {
    res = await request;
  } catch {
    throw new ApiError(0, "network", undefined, []);
  }
  noteAnswer(res.url, res.headers);
  if (res.ok) return res.json();
  const body = (await res.json().catch(() => ({}))) as {
    error?: { code?: string; reason?: string; issues?: FieldIssue[] };
  };
  const retryAfter = Number(res.headers.get("retry-after"));
  throw new ApiError(
    res.status,
    body.error?.code ?? "internal",
    body.error?.reason,
    body.error?.issues ?? [],
    retryAfter > 0 ? retryAfter : null,
  );
}

type Page<T> = { items: T[]; nextCursor: string | null };

/** Walks every page of a list (structure lists are small: tens to hundreds). */
async function all<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const id = (n: number) => ({ id: String(n) });
const archived = (includeArchived: boolean) => (includeArchived ? { includeArchived: "1" as const } : {});

export type UnitKind = "community" | "grid" | "building" | "household";
const unitPath = {
  community: client.communities,
  grid: client.grids,
  building: client.buildings,
  household: client.households,
} as const;

export const api = {
  me: () => ask(client.me.$get()),
  login: (json: { phone: string; password: string }) => ask(client.auth.login.$post({ json })),
  // The worker forgets what the phone kept of the person's pages at any sign-in or sign-out (sw/answers.ts); the page
  // too, in case no worker controls it.
  logout: () => forgetAnswers().then(() => ask(client.auth.logout.$post())),
  register: (json: { phone: string; password: string; name: string; communityId: number; buildingId?: number }) =>
    ask(client.auth.register.$post({ json })),
  changePassword: (json: { currentPassword: string; newPassword: string }) => ask(client.auth.password.$post({ json })),
  setupNeeded: () => ask(client.setup.$get()),
  setup: (json: { streetName: string; name: string; phone: string; password: string }) =>
    ask(client.setup.$post({ json })),

  communities: () => all((cursor) => ask(client.communities.$get({ query: { cursor, limit: "100" } }))),
  grids: (communityId: number, includeArchived = false) =>
    all((cursor) =>
      ask(
        client.communities[":id"].grids.$get({
          param: id(communityId),
          query: { cursor, limit: "100", ...archived(includeArchived) },
        }),
      ),
    ),
  buildings: (communityId: number, includeArchived = false) =>
    all((cursor) =>
      ask(
        client.communities[":id"].buildings.$get({
          param: id(communityId),
          query: { cursor, limit: "100", ...archived(includeArchived) },
        }),
      ),
    ),
  households: (buildingId: number, includeArchived = false) =>
    all((cursor) =>
      ask(
        client.buildings[":id"].households.$get({
          param: id(buildingId),
          query: { cursor, limit: "100", ...archived(includeArchived) },
        }),
      ),
    ),
  teams: (communityId: number) =>
    all((cursor) =>
      ask(client.communities[":id"].teams.$get({ param: id(communityId), query: { cursor, limit: "100" } })),
    ),
  createCommunity: (json: { streetId: number; name: string; kind: "community" | "village" }) =>
    ask(client.communities.$post({ json })),
  createGrid: (communityId: number, json: { name: string; parentId?: number | null }) =>
    ask(client.communities[":id"].grids.$post({ param: id(communityId), json })),
  createBuilding: (gridId: number, json: { name: string; estate?: string | null }) =>
    ask(client.grids[":id"].buildings.$post({ param: id(gridId), json })),
  createHousehold: (buildingId: number, json: { name: string }) =>
    ask(client.buildings[":id"].households.$post({ param: id(buildingId), json })),
  rename: (kind: UnitKind, unitId: number, json: { name: string; version: number }) =>
    ask(unitPath[kind][":id"].$patch({ param: id(unitId), json })),
  archive: (kind: UnitKind, unitId: number, json: { version: number }) =>
    ask(unitPath[kind][":id"].archive.$post({ param: id(unitId), json })),

  accounts: (query: { communityId: number; gridId?: number; q?: string; cursor?: string }) =>
    ask(
      client.accounts.$get({
        query: {
          communityId: String(query.communityId),
          gridId: query.gridId ? String(query.gridId) : undefined,
          q: query.q || undefined,
          cursor: query.cursor,
          limit: "50",
        },
      }),
    ),
  proxyRegister: (json: { phone: string; name: string; communityId: number; buildingId?: number }) =>
    ask(client.accounts.$post({ json })),
  resetPassword: (userId: number) => ask(client.accounts[":id"]["password-reset"].$post({ param: id(userId) })),
  grantRole: (userId: number, json: { role: Role; scopeId: number }) =>
    ask(client.accounts[":id"].roles.$post({ param: id(userId), json })),
  revokeRole: (userId: number, grantId: number) =>
    ask(client.accounts[":id"].roles[":grantId"].$delete({ param: { id: String(userId), grantId: String(grantId) } })),
  audit: (query: { communityId?: number; streetId?: number; cursor?: string }) =>
    ask(
      client.audit.$get({
        query: query.communityId
          ? { communityId: String(query.communityId), cursor: query.cursor }
          : { streetId: String(query.streetId), cursor: query.cursor },
      }),
    ),
  accessLog: (communityId: number, cursor?: string) =>
    ask(client.communities[":id"]["access-log"].$get({ param: id(communityId), query: { cursor } })),
  warnings: (place: WarningPlace, cursor?: string) =>
    ask(client.warnings.$get({ query: { scope: place.scope, id: String(place.id), cursor } })),
  acknowledgeWarning: (warningId: number) => ask(client.warnings[":id"].acknowledge.$post({ param: id(warningId) })),
};

/** Whose warnings (预警) a list shows: a street's, a community's or a grid's. */
export type WarningPlace = { scope: "street" | "community" | "grid"; id: number };
export type WarningItem = Awaited<ReturnType<typeof api.warnings>>["items"][number];

type ShiftInput = {
  startsAt: string;
  endsAt: string;
  capacity: number;
  requiredSkillIds?: number[];
  waitlistEnabled?: boolean;
};
export type ActivityInput = {
  communityId: number;
  teamId: number | null;
  title: string;
  description: string;
  category: (typeof ACTIVITY_CATEGORIES)[number];
  place: string;
  visibility: (typeof VISIBILITIES)[number];
  targetGridIds?: number[];
  shifts: ShiftInput[];
  repeatWeeks: number;
};
export type ProfileInput = {
  homeGridId: number | null;
  skillIds: number[];
  availability: { weekday: number; startMinute: number; endMinute: number }[];
  partyStatus: (typeof PARTY_STATUSES)[number] | null;
  partnerUnitId: number | null;
  publicNameConsent: boolean;
};

/** My shifts in a calendar app: a private feed whose address is shown only when made, and one shift as an .ics file. */
export const calendarApi = {
  status: () => ask(client.me.calendar.$get()),
  subscribe: () => ask(client.me.calendar.$post()),
  revoke: () => ask(client.me.calendar.$delete()),
  /** A plain link: the browser downloads the file with the session cookie. */
  shiftUrl: (shiftId: number) => `/api/shifts/${shiftId}/calendar.ics`,
};

type PhoneTimes = { scannedAt: string; sentAt: string };

/** Volunteering: profiles, activities, sign-up, attendance and hours. */
export const volunteering = {
  skills: () => ask(client.skills.$get()),
  addSkill: (json: { name: string; communityId: number }) => ask(client.skills.$post({ json })),
  myProfile: () => ask(client.me.volunteer.$get()),
  saveProfile: (json: ProfileInput) => ask(client.me.volunteer.$put({ json })),
  myShifts: () => ask(client.me.shifts.$get()),
  taskRequests: (cursor?: string) => ask(client.me.tasks.requests.$get({ query: { cursor, limit: "20" } })),
  taskShifts: (cursor?: string) => ask(client.me.tasks.shifts.$get({ query: { cursor, limit: "20" } })),
  /** The inbox: unread first (with their count), then read ones; pass the last page's cursor for more. */
  notifications: (cursor?: string) => ask(client.me.notifications.$get({ query: { cursor, limit: "20" } })),
  record: (userId: number) => ask(client.volunteers[":id"].record.$get({ param: id(userId) })),
  search: (query: { communityId: number; q?: string; skillId?: number; gridId?: number; cursor?: string }) =>
    ask(
      client.volunteers.$get({
        query: {
          communityId: String(query.communityId),
          q: query.q || undefined,
          skillId: query.skillId ? String(query.skillId) : undefined,
          gridId: query.gridId ? String(query.gridId) : undefined,
          cursor: query.cursor,
          limit: "50",
        },
      }),
    ),
  activities: (query: { communityId: number; from?: string; category?: string; skillId?: number; cursor?: string }) =>
    ask(
      client.activities.$get({
        query: {
          communityId: String(query.communityId),
          from: query.from,
          category: query.category as ActivityInput["category"] | undefined,
          skillId: query.skillId ? String(query.skillId) : undefined,
          cursor: query.cursor,
          limit: "20",
        },
      }),
    ),
  activity: (activityId: number) => ask(client.activities[":id"].$get({ param: id(activityId) })),
  createActivity: (json: ActivityInput) => ask(client.activities.$post({ json })),
  publish: (activityId: number) => ask(client.activities[":id"].publish.$post({ param: id(activityId) })),
  finish: (activityId: number) => ask(client.activities[":id"].finish.$post({ param: id(activityId) })),
  cancel: (activityId: number, reason: string) =>
    ask(client.activities[":id"].cancel.$post({ param: id(activityId), json: { reason } })),
  signUp: (shiftId: number, idempotencyKey: string) =>
    ask(client.shifts[":id"].signups.$post({ param: id(shiftId), header: { "idempotency-key": idempotencyKey } })),
  withdraw: (shiftId: number) => ask(client.shifts[":id"].signups.me.$delete({ param: id(shiftId) })),
  roster: (shiftId: number) => ask(client.shifts[":id"].signups.$get({ param: id(shiftId) })),
  qr: (shiftId: number) => ask(client.shifts[":id"].qr.$post({ param: id(shiftId) })),
  /** `phone`: when a queued scan was made and sent, on the phone's clock. */
  scan: (shiftId: number, token: string, phone?: PhoneTimes) =>
    ask(client.shifts[":id"].checkins.$post({ param: id(shiftId), json: { token, phone } })),
  checkInByCode: (code: string, shiftId: number | undefined, phone?: PhoneTimes) =>
    ask(client.me.checkins.$post({ json: { code, shiftId, phone } })),
  checkInByPhone: (shiftId: number, json: { phoneLast4: string; name: string }) =>
    ask(client.shifts[":id"].checkins["by-phone"].$post({ param: id(shiftId), json })),
  mark: (shiftId: number, json: { userId: number; attendance: "present" | "no_show" }) =>
    ask(client.shifts[":id"].attendance.$post({ param: id(shiftId), json })),
  confirmHours: (shiftId: number, entries: { userId: number; minutes?: number; reason?: string }[]) =>
    ask(client.shifts[":id"].hours.$post({ param: id(shiftId), json: { entries } })),
  voidHours: (hoursId: number, reason: string) =>
    ask(client.hours[":id"].void.$post({ param: id(hoursId), json: { reason } })),
  team: (teamId: number) => ask(client.teams[":id"].$get({ param: id(teamId) })),
  createTeam: (communityId: number, json: { name: string; kind: string; leaderUserId?: number | null }) =>
    ask(client.communities[":id"].teams.$post({ param: id(communityId), json })),
  applyToTeam: (teamId: number) => ask(client.teams[":id"].members.$post({ param: id(teamId) })),
  leaveTeam: (teamId: number) => ask(client.teams[":id"].members.me.$delete({ param: id(teamId) })),
  decideMember: (teamId: number, memberId: number, approve: boolean) =>
    ask(
      approve
        ? client.teams[":id"].members[":memberId"].approve.$post({
            param: { id: String(teamId), memberId: String(memberId) },
          })
        : client.teams[":id"].members[":memberId"].reject.$post({
            param: { id: String(teamId), memberId: String(memberId) },
          }),
    ),
  partnerUnits: (communityId: number) =>
    ask(client.communities[":id"]["partner-units"].$get({ param: id(communityId) })),
  createPartnerUnit: (
    communityId: number,
    json: {
      name: string;
      kind: (typeof PARTNER_KINDS)[number];
      contactName?: string | null;
      contactPhone?: string | null;
    },
  ) => ask(client.communities[":id"]["partner-units"].$post({ param: id(communityId), json })),
  partnerUnit: (unitId: number) => ask(client["partner-units"][":id"].$get({ param: id(unitId) })),
};

type RequestMove = "accept" | "start" | "complete" | "cancel";

/** Requests: post, follow, move through the loop, match, and the public board. */
export const requestsApi = {
  create: (json: {
    kind: (typeof REQUEST_KINDS)[number];
    category: RequestCategory;
    description: string;
    urgency?: "normal" | "urgent";
    window?: { startsAt: string; endsAt: string } | null;
    ownerUserId?: number;
  }) => ask(client.requests.$post({ json })),
  publishOffer: (
    communityId: number,
    json: {
      providerKey: string;
      category: RequestCategory;
      title: string;
      description: string;
      placeKind: "service_point" | "door_to_door";
      place: string;
      schedule: string;
      slots: { startsAt: string; endsAt: string; capacity: number }[];
    },
  ) => ask(client.communities[":id"].offers.$post({ param: id(communityId), json })),
  createProject: (
    communityId: number,
    json: { title: string; description: string; milestones: { title: string; target: number }[] },
  ) => ask(client.communities[":id"].projects.$post({ param: id(communityId), json })),
  get: (requestId: number) => ask(client.requests[":id"].$get({ param: id(requestId) })),
  mine: () => ask(client.me.requests.$get({ query: { limit: "50" } })),
  /** 代发: the residents I may post for, by name or phone. */
  residents: (q: string) => ask(client.me.residents.$get({ query: { q, limit: "10" } })),
  feed: () => ask(client.me["request-feed"].$get()),
  list: (query: {
    communityId: number;
    gridId?: number;
    status?: (typeof REQUEST_STATUSES)[number];
    category?: RequestCategory;
    overdue?: boolean;
    cursor?: string;
  }) =>
    ask(
      client.requests.$get({
        query: {
          cursor: query.cursor,
          communityId: String(query.communityId),
          gridId: query.gridId ? String(query.gridId) : undefined,
          status: query.status,
          category: query.category,
          overdue: query.overdue ? "1" : undefined,
          limit: "100",
        },
      }),
    ),
  matches: (requestId: number) => ask(client.requests[":id"].matches.$get({ param: id(requestId) })),
  move: (requestId: number, action: RequestMove) =>
    ask(client.requests[":id"][action].$post({ param: id(requestId), json: {} })),
  claim: (requestId: number) => ask(client.requests[":id"].claim.$post({ param: id(requestId), json: {} })),
  assign: (requestId: number, holderKey: string) =>
    ask(client.requests[":id"].assign.$post({ param: id(requestId), json: { holderKey } })),
  respond: (requestId: number, accept: boolean) =>
    ask(client.requests[":id"].respond.$post({ param: id(requestId), json: { accept } })),
  release: (requestId: number) => ask(client.requests[":id"].release.$post({ param: id(requestId), json: {} })),
  withReason: (requestId: number, action: "reject" | "escalate" | "reopen", reason: string) =>
    ask(client.requests[":id"][action].$post({ param: id(requestId), json: { reason } })),
  confirm: (requestId: number, rating: number, comment: string) =>
    ask(
      client.requests[":id"].confirm.$post({ param: id(requestId), json: { rating, ...(comment ? { comment } : {}) } }),
    ),
  board: (communityId: number) => ask(client.public.communities[":id"].board.$get({ param: id(communityId) })),
  /** Marks the messages the reader was shown (and only those) read. */
  markRead: (ids: number[]) => ask(client.me.notifications.read.$post({ json: { ids } })),
  projects: (communityId: number) => ask(client.communities[":id"].projects.$get({ param: id(communityId) })),
  claimProject: (projectId: number, holderKey: string) =>
    ask(client.projects[":id"].claim.$post({ param: id(projectId), json: { holderKey } })),
  reportProgress: (projectId: number, milestoneId: number, progress: number) =>
    ask(
      client.projects[":id"].milestones[":milestoneId"].progress.$post({
        param: { id: String(projectId), milestoneId: String(milestoneId) },
        json: { progress },
      }),
    ),
  completeProject: (projectId: number) => ask(client.projects[":id"].complete.$post({ param: id(projectId) })),
  serviceCard: (communityId: number) => ask(client.communities[":id"].offers.$get({ param: id(communityId) })),
  book: (slotId: number) => ask(client["offer-slots"][":id"].bookings.$post({ param: id(slotId) })),
};

export type ItemFields = {
  name: string;
  description: string;
  pointsPrice: number;
  stock: number;
  monthlyLimit: number | null;
  photo?: string | null;
};
export type EarningRulesInput = {
  pointsPerHour: number;
  perRequest: Partial<Record<RequestCategory, number>>;
  requestDefault: number;
  fiveStarBonus: number;
  dailyCap: number;
};
type DonationTo = "fund" | { householdId: number } | { phone: string };

/** Points and the 爱心超市: balances, statements, redemption, donation, the store desk and the community's books. */
export const pointsApi = {
  mine: (month?: string) => ask(client.me.points.$get({ query: month ? { month } : {} })),
  donate: (json: { to: DonationTo; amount: number; message: string }, idempotencyKey: string) =>
    ask(client.points.donations.$post({ json, header: { "idempotency-key": idempotencyKey } })),
  store: (communityId: number) => ask(client.communities[":id"].store.items.$get({ param: id(communityId) })),
  redeem: (itemId: number, quantity: number, idempotencyKey: string) =>
    ask(
      client.store.items[":id"].redemptions.$post({
        param: id(itemId),
        json: { quantity },
        header: { "idempotency-key": idempotencyKey },
      }),
    ),
  createItem: (communityId: number, json: ItemFields) =>
    ask(client.communities[":id"].store.items.$post({ param: id(communityId), json })),
  updateItem: (itemId: number, json: Partial<ItemFields> & { version: number; active?: boolean; addStock?: number }) =>
    ask(client.store.items[":id"].$patch({ param: id(itemId), json })),
  lookupPickup: (communityId: number, code: string) =>
    ask(client.communities[":id"].store.pickups[":code"].$get({ param: { id: String(communityId), code } })),
  handOver: (communityId: number, code: string) =>
    ask(client.communities[":id"].store.pickups[":code"].$post({ param: { id: String(communityId), code } })),
  community: (communityId: number, month?: string) =>
    ask(client.communities[":id"].points.$get({ param: id(communityId), query: month ? { month } : {} })),
  rules: (communityId: number) => ask(client.communities[":id"]["earning-rules"].$get({ param: id(communityId) })),
  setRules: (communityId: number, json: EarningRulesInput) =>
    ask(client.communities[":id"]["earning-rules"].$put({ param: id(communityId), json })),
  issue: (json: { communityId: number; amount: number; reason: string }, idempotencyKey: string) =>
    ask(client.points.issuance.$post({ json, header: { "idempotency-key": idempotencyKey } })),
};

type CycleAction = "open" | "closeNominations" | "startNotice" | "publish" | "cancel";
type StarInput = { key: string; name: string; criteria: string; evidence: null };

/** Star ratings: schemes, cycles, nominations, the committee's desk, notices with objections, the honor roll. */
export const ratingsApi = {
  schemes: (communityId: number) => ask(client.communities[":id"]["rating-schemes"].$get({ param: id(communityId) })),
  createScheme: (
    communityId: number,
    json: { name: string; subjectKind: "partyMember" | "household" | "volunteer" | "partnerUnit"; stars: StarInput[] },
  ) => ask(client.communities[":id"]["rating-schemes"].$post({ param: id(communityId), json })),
  cycles: (communityId: number) => ask(client.communities[":id"]["rating-cycles"].$get({ param: id(communityId) })),
  createCycle: (
    communityId: number,
    json: {
      schemeId: number;
      periodLabel: string;
      nominationEndsAt: string;
      reviewEndsAt: string;
      noticeWorkingDays?: number;
      publishOn?: string;
      decisionRule?: "majority" | "twoThirds" | "unanimous";
    },
  ) => ask(client.communities[":id"]["rating-cycles"].$post({ param: id(communityId), json })),
  desk: (cycleId: number) => ask(client["rating-cycles"][":id"].$get({ param: id(cycleId) })),
  move: (cycleId: number, action: CycleAction) =>
    ask(client["rating-cycles"][":id"].transitions.$post({ param: id(cycleId), json: { action } })),
  candidates: (cycleId: number, q: string) =>
    ask(client["rating-cycles"][":id"].candidates.$get({ param: id(cycleId), query: { q } })),
  nominate: (
    cycleId: number,
    json: {
      subjectKey: string;
      route: "self" | "gridWorker" | "teamLeader" | "partyBranch" | "committee";
      statements: Record<string, string>;
      evidenceText: string;
    },
  ) => ask(client["rating-cycles"][":id"].nominations.$post({ param: id(cycleId), json })),
  addPhoto: (nominationId: number, photo: string) =>
    ask(client["rating-nominations"][":id"].photos.$post({ param: id(nominationId), json: { photo } })),
  vote: (nominationId: number, votes: { starKey: string; award: boolean; comment: string }[]) =>
    ask(client["rating-nominations"][":id"].votes.$put({ param: id(nominationId), json: { votes } })),
  conflict: (nominationId: number, reason: string) =>
    ask(client["rating-nominations"][":id"].conflict.$post({ param: id(nominationId), json: { reason } })),
  decide: (nominationId: number, stars: string[], reason: string) =>
    ask(client["rating-nominations"][":id"].decision.$put({ param: id(nominationId), json: { stars, reason } })),
  object: (nominationId: number, reason: string) =>
    ask(client["rating-nominations"][":id"].objections.$post({ param: id(nominationId), json: { reason } })),
  answer: (
    objectionId: number,
    json: { answer: string; outcome: "dismissed" | "removed" | "changed"; stars?: string[] },
  ) => ask(client["rating-objections"][":id"].answer.$post({ param: id(objectionId), json })),
  revoke: (awardId: number, reason: string) =>
    ask(client["rating-awards"][":id"].revoke.$post({ param: id(awardId), json: { reason } })),
  myNominations: () => ask(client.me.nominations.$get()),
  myAwards: () => ask(client.me.awards.$get()),
  notices: (communityId: number) => ask(client.public.notices.$get({ query: { communityId: String(communityId) } })),
  setSupervisionPhone: (communityId: number, supervisionPhone: string | null) =>
    ask(client.communities[":id"]["supervision-phone"].$put({ param: id(communityId), json: { supervisionPhone } })),
  honorRoll: (communityId: number) =>
    ask(client.public["honor-roll"].$get({ query: { communityId: String(communityId) } })),
};

/** 志愿服务证明: issued by the volunteer or by staff, printed by its holder, verified by anyone with its code. */
export const certificatesApi = {
  issueOwn: (json: { from: string; to: string }) => ask(client.me.certificates.$post({ json })),
  issueFor: (userId: number, json: { from: string; to: string }) =>
    ask(client.volunteers[":id"].certificates.$post({ param: id(userId), json })),
  get: (certificateId: number) => ask(client.certificates[":id"].$get({ param: id(certificateId) })),
  verify: (code: string) => ask(client.public.certificates[":code"].$get({ param: { code } })),
};

/** 两公开, no sign-in: a community's topics from deliberation on, and one topic's history from proposal to result. */
export const publicationApi = {
  topics: (communityId: number, cursor?: string) =>
    ask(
      client.public.communities[":id"].topics.$get({
        param: id(communityId),
        query: cursor ? { cursor } : {},
      }),
    ),
  topic: (communityId: number, topicId: number) =>
    ask(
      client.public.communities[":id"].topics[":topicId"].$get({
        param: { id: String(communityId), topicId: String(topicId) },
      }),
    ),
};
export type PublicTopicHistory = Awaited<ReturnType<typeof publicationApi.topic>>;

export type DashboardKind = "street" | "community" | "grid";

/** 红色汇治: a street's, community's or grid's indicators with their trends. */
export const dashboardsApi = {
  show: (kind: DashboardKind, placeId: number) => {
    const param = id(placeId);
    if (kind === "street") return ask(client.dashboards.street[":id"].$get({ param }));
    if (kind === "community") return ask(client.dashboards.communities[":id"].$get({ param }));
    return ask(client.dashboards.grids[":id"].$get({ param }));
  },
};

/** A wall link's place: a street's or a community's wall (a grid has none). */
export type WallPlace = { kind: "street" | "community"; id: number };

/** 大屏链接: read-only links to a place's wall screen, and the wall one opens with no session. */
export const wallsApi = {
  create: (place: WallPlace) => ask(client.walls.$post({ json: { kind: place.kind, id: place.id } })),
  list: (place: WallPlace, cursor?: string) =>
    ask(client.walls.$get({ query: { kind: place.kind, id: String(place.id), cursor } })),
  revoke: (linkId: number) => ask(client.walls[":id"].revoke.$post({ param: id(linkId) })),
  show: (token: string) => ask(client.public.walls[":token"].$get({ param: { token } })),
};

export type WallLink = Awaited<ReturnType<typeof wallsApi.list>>["items"][number];

type CommitmentFilters = { state?: CommitmentState; committerKind?: CommitterKind; due?: "soon" | "overdue" };
type NewCommitment = InferRequestType<(typeof client.communities)[":id"]["commitments"]["$post"]>["json"];

/** 承诺践诺: make, follow and close commitments; the public list of a community's. */
export const commitmentsApi = {
  make: (communityId: number, json: NewCommitment) =>
    ask(client.communities[":id"].commitments.$post({ param: id(communityId), json })),
  list: (communityId: number, filters: CommitmentFilters, cursor?: string) =>
    ask(client.communities[":id"].commitments.$get({ param: id(communityId), query: { ...filters, cursor } })),
  mine: (cursor?: string) => ask(client.me.commitments.$get({ query: { cursor } })),
  show: (commitmentId: number) => ask(client.commitments[":id"].$get({ param: id(commitmentId) })),
  report: (commitmentId: number, text: string) =>
    ask(client.commitments[":id"].reports.$post({ param: id(commitmentId), json: { text } })),
  addPhoto: (reportId: number, photo: string) =>
    ask(client["commitment-reports"][":id"].photos.$post({ param: id(reportId), json: { photo } })),
  decide: (commitmentId: number, outcome: CommitmentOutcome, reason?: string) =>
    ask(client.commitments[":id"].outcome.$post({ param: id(commitmentId), json: { outcome, reason } })),
  publicList: (communityId: number, cursor?: string) =>
    ask(client.public.communities[":id"].commitments.$get({ param: id(communityId), query: { cursor } })),
};

export type CommitmentItem = Awaited<ReturnType<typeof commitmentsApi.list>>["items"][number];
export type PublicCommitment = Awaited<ReturnType<typeof commitmentsApi.publicList>>["items"][number];

type BookFilters<Get> = InferRequestType<Get> extends { query: infer Query } ? Omit<Query, "format" | "lang"> : never;

/** A book's link: its list's filters (unset ones left out), the format and the reader's language for the header row. */
function bookUrl(
  path: string,
  filters: Record<string, string | undefined>,
  format: ExportFormat,
  lang: ExportLanguage,
) {
  const query = new URLSearchParams({ format, lang });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  return `/api${path}?${query}`;
}

/** Staff lists as books (台账): links the browser downloads, typed by the API's routes. */
export const booksApi = {
  requests: (filters: BookFilters<typeof client.requests.export.$get>, format: ExportFormat, lang: ExportLanguage) =>
    bookUrl("/requests/export", filters, format, lang),
  volunteers: (
    filters: BookFilters<typeof client.volunteers.export.$get>,
    format: ExportFormat,
    lang: ExportLanguage,
  ) => bookUrl("/volunteers/export", filters, format, lang),
  teams: (communityId: number, format: ExportFormat, lang: ExportLanguage) =>
    bookUrl(`/communities/${communityId}/teams/export`, {}, format, lang),
  partners: (communityId: number, format: ExportFormat, lang: ExportLanguage) =>
    bookUrl(`/communities/${communityId}/partner-units/export`, {}, format, lang),
  audit: (filters: BookFilters<typeof client.audit.export.$get>, format: ExportFormat, lang: ExportLanguage) =>
    bookUrl("/audit/export", filters, format, lang),
  /** 志愿活动台账: every shift of the community's activities from a moment on (all states). */
  activities: (
    communityId: number,
    filters: { from?: string | undefined },
    format: ExportFormat,
    lang: ExportLanguage,
  ) => bookUrl(`/communities/${communityId}/activity-shifts/export`, filters, format, lang),
  /** 评星台账 of a rating cycle: nominees, votes counted, decisions and objections. */
  ratings: (cycleId: number, format: ExportFormat, lang: ExportLanguage) =>
    bookUrl(`/rating-cycles/${cycleId}/entries/export`, {}, format, lang),
  /** 积分流水 (statement) or 兑换记录 (redemptions) of a month. */
  points: (
    communityId: number,
    filters: { kind: "statement" | "redemptions"; month: string },
    format: ExportFormat,
    lang: ExportLanguage,
  ) => bookUrl(`/communities/${communityId}/points/export`, filters, format, lang),
};

export type Me = Awaited<ReturnType<typeof api.me>>;
export type CycleDesk = Awaited<ReturnType<typeof ratingsApi.desk>>;
export type Candidate = CycleDesk["candidates"][number];
export type Notice = Awaited<ReturnType<typeof ratingsApi.notices>>["items"][number];
export type MyPoints = Awaited<ReturnType<typeof pointsApi.mine>>;
export type StoreItem = Awaited<ReturnType<typeof pointsApi.store>>["items"][number];
export type RequestPage = Awaited<ReturnType<typeof requestsApi.get>>;
export type ActivityItem = Awaited<ReturnType<typeof volunteering.activities>>["items"][number];
export type ActivityPage = Awaited<ReturnType<typeof volunteering.activity>>;
export type Roster = Awaited<ReturnType<typeof volunteering.roster>>;
export type Grid = Awaited<ReturnType<typeof api.grids>>[number];
export type Building = Awaited<ReturnType<typeof api.buildings>>[number];
export type TaskRequest = Awaited<ReturnType<typeof volunteering.taskRequests>>["items"][number];
export type TaskShift = Awaited<ReturnType<typeof volunteering.taskShifts>>["items"][number];
export type PostableResident = Awaited<ReturnType<typeof requestsApi.residents>>["items"][number];
export type Account = Awaited<ReturnType<typeof api.accounts>>["items"][number];
export type Dashboard = Awaited<ReturnType<typeof dashboardsApi.show>>;

type TopicQuery = { status?: TopicStatus; step?: StepKey; cursor?: string };

/** 议题: propose, support, comment and object; staff triage, record steps, answer objections. */
export const topicsApi = {
  list: (communityId: number, query: TopicQuery = {}) =>
    ask(client.communities[":id"].topics.$get({ param: id(communityId), query })),
  propose: (
    communityId: number,
    json: { title: string; description: string; photos?: string[]; buildingId?: number },
  ) => ask(client.communities[":id"].topics.$post({ param: id(communityId), json })),
  show: (topicId: number) => ask(client.topics[":id"].$get({ param: id(topicId) })),
  support: (topicId: number) => ask(client.topics[":id"].support.$post({ param: id(topicId) })),
  unsupport: (topicId: number) => ask(client.topics[":id"].support.$delete({ param: id(topicId) })),
  comments: (topicId: number, cursor?: string) =>
    ask(client.topics[":id"].comments.$get({ param: id(topicId), query: cursor ? { cursor } : {} })),
  objections: (topicId: number, cursor?: string) =>
    ask(client.topics[":id"].objections.$get({ param: id(topicId), query: cursor ? { cursor } : {} })),
  comment: (topicId: number, body: string) =>
    ask(client.topics[":id"].comments.$post({ param: id(topicId), json: { body } })),
  object: (topicId: number, body: string) =>
    ask(client.topics[":id"].objections.$post({ param: id(topicId), json: { body } })),
  answer: (topicId: number, objectionId: number, answer: string) =>
    ask(
      client.topics[":id"].objections[":objectionId"].answer.$post({
        param: { id: String(topicId), objectionId: String(objectionId) },
        json: { answer },
      }),
    ),
  triage: (
    topicId: number,
    json: {
      action: "deliberate" | "merge" | "decline";
      procedure?: BuiltInProcedure;
      mergeInto?: number;
      reason?: string;
    },
  ) => ask(client.topics[":id"].triage.$post({ param: id(topicId), json })),
  recordStep: (
    topicId: number,
    json: { stepIndex: number; outcome?: "passed" | "rejected"; note?: string; meetingId?: number },
  ) => ask(client.topics[":id"].steps.$post({ param: id(topicId), json })),
  /** An existing project or request of the community the decided topic brought about. */
  link: (topicId: number, json: { kind: TopicLinkKind; id: number }) =>
    ask(client.topics[":id"].links.$post({ param: id(topicId), json })),
  /** 立为项目 and 派发诉求: the topic's outcome, created and linked to it at once. */
  createProject: (
    topicId: number,
    json: InferRequestType<(typeof client.topics)[":id"]["projects"]["$post"]>["json"],
  ) => ask(client.topics[":id"].projects.$post({ param: id(topicId), json })),
  dispatchRequest: (
    topicId: number,
    json: InferRequestType<(typeof client.topics)[":id"]["requests"]["$post"]>["json"],
  ) => ask(client.topics[":id"].requests.$post({ param: id(topicId), json })),
  procedures: (communityId: number) =>
    ask(client.communities[":id"]["topic-procedures"].$get({ param: id(communityId) })),
  setProcedure: (
    communityId: number,
    code: BuiltInProcedure,
    json: { steps: StepKey[]; commentDays: number; noticeWorkingDays: number },
  ) =>
    ask(
      client.communities[":id"]["topic-procedures"][":code"].$put({ param: { id: String(communityId), code }, json }),
    ),
};

export type TopicItem = Awaited<ReturnType<typeof topicsApi.list>>["items"][number];
export type Topic = Awaited<ReturnType<typeof topicsApi.show>>;
export type TopicComment = Awaited<ReturnType<typeof topicsApi.comments>>["items"][number];
export type TopicObjection = Awaited<ReturnType<typeof topicsApi.objections>>["items"][number];
type MeetingPlan = InferRequestType<(typeof client.communities)[":id"]["meetings"]["$post"]>["json"];
const topicParam = (meetingId: number, topicId: number) => ({ id: String(meetingId), topicId: String(topicId) });
const cursorQuery = (cursor?: string) => (cursor ? { cursor } : {});

/** 会议: staff plan and run meetings of the community's bodies; members reply, check in and vote on their phones. */
export const meetingsApi = {
  list: (communityId: number, cursor?: string) =>
    ask(client.communities[":id"].meetings.$get({ param: id(communityId), query: cursorQuery(cursor) })),
  mine: (cursor?: string) => ask(client.me.meetings.$get({ query: cursorQuery(cursor) })),
  create: (communityId: number, json: MeetingPlan) =>
    ask(client.communities[":id"].meetings.$post({ param: id(communityId), json })),
  agendaTopics: (communityId: number, cursor?: string) =>
    ask(client.communities[":id"]["agenda-topics"].$get({ param: id(communityId), query: cursorQuery(cursor) })),
  show: (meetingId: number) => ask(client.meetings[":id"].$get({ param: id(meetingId) })),
  move: (meetingId: number, action: "open" | "close" | "cancel") =>
    ask(client.meetings[":id"].transitions.$post({ param: id(meetingId), json: { action } })),
  minutes: (meetingId: number, minutes: string, version: number) =>
    ask(client.meetings[":id"].minutes.$put({ param: id(meetingId), json: { minutes, version } })),
  reply: (meetingId: number, reply: "attend" | "decline") =>
    ask(client.meetings[":id"].reply.$post({ param: id(meetingId), json: { reply } })),
  qr: (meetingId: number) => ask(client.meetings[":id"].qr.$post({ param: id(meetingId) })),
  checkIn: (meetingId: number, token: string) =>
    ask(client.meetings[":id"].checkins.$post({ param: id(meetingId), json: { token } })),
  tick: (meetingId: number, userId: number) =>
    ask(client.meetings[":id"].attendance.$post({ param: id(meetingId), json: { userId } })),
  vote: (meetingId: number, topicId: number, choice: "for" | "against" | "abstain") =>
    ask(
      client.meetings[":id"].topics[":topicId"].votes.$post({
        param: topicParam(meetingId, topicId),
        json: { choice },
      }),
    ),
  conflict: (meetingId: number, topicId: number, reason: string) =>
    ask(
      client.meetings[":id"].topics[":topicId"].conflict.$post({
        param: topicParam(meetingId, topicId),
        json: { reason },
      }),
    ),
  count: (meetingId: number, topicId: number) =>
    ask(client.meetings[":id"].topics[":topicId"].count.$post({ param: topicParam(meetingId, topicId) })),
  residentReps: (communityId: number) =>
    ask(client.communities[":id"]["resident-reps"].$get({ param: id(communityId) })),
  setResidentReps: (communityId: number, userIds: number[]) =>
    ask(client.communities[":id"]["resident-reps"].$put({ param: id(communityId), json: { userIds } })),
  rules: (communityId: number) => ask(client.communities[":id"]["meeting-rules"].$get({ param: id(communityId) })),
  setRule: (communityId: number, body: MeetingBody, json: MeetingRule) =>
    ask(client.communities[":id"]["meeting-rules"][":body"].$put({ param: { id: String(communityId), body }, json })),
};

/** 民情账: the grid's book a page at a time and as a download, and the suppressed care counts of a street or community. */
export const careBookApi = {
  page: (gridId: number, cursor?: string) =>
    ask(client.grids[":id"].care.book.$get({ param: id(gridId), query: { cursor } })),
  download: (gridId: number, format: ExportFormat, lang: ExportLanguage) =>
    bookUrl(`/grids/${gridId}/care/book/export`, {}, format, lang),
  counts: (kind: "street" | "community", placeId: number) =>
    kind === "street"
      ? ask(client.streets[":id"].care.counts.$get({ param: id(placeId) }))
      : ask(client.communities[":id"].care.counts.$get({ param: id(placeId) })),
};

export type CareBookItem = Awaited<ReturnType<typeof careBookApi.page>>["items"][number];

type CareProfileBody = InferRequestType<(typeof client.households)[":id"]["care"]["$put"]>["json"];
type ConsentBody = InferRequestType<(typeof client.households)[":id"]["care"]["consent"]["$post"]>["json"];
type VisitBody = InferRequestType<(typeof client.households)[":id"]["care"]["visits"]["$post"]>["json"];
type CampaignBody = InferRequestType<(typeof client.communities)[":id"]["care"]["campaigns"]["$post"]>["json"];

/** 民情账 (decision 0016): a household's care, the visitor's households, visits, pairings, consent and 五送 campaigns. */
export const careApi = {
  mine: () => ask(client.me.care.households.$get()),
  household: (householdId: number) => ask(client.households[":id"].care.$get({ param: id(householdId) })),
  visits: (householdId: number, cursor?: string) =>
    ask(client.households[":id"].care.visits.$get({ param: id(householdId), query: { cursor } })),
  saveProfile: (householdId: number, json: CareProfileBody) =>
    ask(client.households[":id"].care.$put({ param: id(householdId), json })),
  consent: (householdId: number, json: ConsentBody) =>
    ask(client.households[":id"].care.consent.$post({ param: id(householdId), json })),
  withdrawConsent: (householdId: number) =>
    ask(client.households[":id"].care.consent.withdraw.$post({ param: id(householdId), json: {} })),
  pair: (householdId: number, json: { visitorUserId: number; kind: VisitorKind }) =>
    ask(client.households[":id"].care.pairings.$post({ param: id(householdId), json })),
  endPairing: (pairingId: number, reason: string) =>
    ask(client["care-pairings"][":id"].end.$post({ param: id(pairingId), json: { reason } })),
  recordVisit: (householdId: number, json: VisitBody) =>
    ask(client.households[":id"].care.visits.$post({ param: id(householdId), json })),
  unconfirmed: (communityId: number, cursor?: string) =>
    ask(client.communities[":id"].care.unconfirmed.$get({ param: id(communityId), query: { cursor } })),
  visitPhoto: (visitId: number) => ask(client["care-visits"][":id"].photo.$get({ param: id(visitId) })),
  toRequest: (
    visitId: number,
    json: { category: RequestCategory; description: string; urgency: "normal" | "urgent" },
  ) => ask(client["care-visits"][":id"].request.$post({ param: id(visitId), json })),
  confirm: (visitId: number, json: { minutes?: number; reason?: string }) =>
    ask(client["care-visits"][":id"].confirm.$post({ param: id(visitId), json })),
  categories: (communityId: number) => ask(client.communities[":id"].care.categories.$get({ param: id(communityId) })),
  householdCampaigns: (householdId: number) =>
    ask(client.households[":id"].care.campaigns.$get({ param: id(householdId) })),
  campaigns: (communityId: number, cursor?: string) =>
    ask(client.communities[":id"].care.campaigns.$get({ param: id(communityId), query: { cursor } })),
  startCampaign: (communityId: number, json: CampaignBody) =>
    ask(client.communities[":id"].care.campaigns.$post({ param: id(communityId), json })),
};

export type CareView = Awaited<ReturnType<typeof careApi.household>>;
export type CareVisit = CareView["visits"]["items"][number];
export type CareCampaign = Awaited<ReturnType<typeof careApi.campaigns>>["items"][number];

/** Messages outside the app: my channel choices (opt-in; 退订 is all off) and, for staff, their delivery state. */
export const outboxApi = {
  channels: () => ask(client.me.channels.$get()),
  saveChannels: (json: Record<Channel, boolean>) => ask(client.me.channels.$put({ json })),
  deliveries: (communityId: number, state: DeliveryState | undefined, cursor?: string) =>
    ask(client.communities[":id"].deliveries.$get({ param: id(communityId), query: { cursor, state } })),
};

/** API tokens for other systems (the street admin's page): the secret comes only in the answer to `issue`. */
export const tokensApi = {
  list: (streetId: number, cursor?: string) =>
    ask(client.streets[":id"]["api-tokens"].$get({ param: id(streetId), query: { cursor } })),
  issue: (
    streetId: number,
    json: { name: string; communityId?: number; access: ApiTokenAccess; expiresInDays: number },
  ) => ask(client.streets[":id"]["api-tokens"].$post({ param: id(streetId), json })),
  revoke: (tokenId: number) => ask(client["api-tokens"][":id"].revoke.$post({ param: id(tokenId) })),
};

export type ApiTokenRow = Awaited<ReturnType<typeof tokensApi.list>>["items"][number];
