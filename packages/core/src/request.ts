import { ROLES, type Role } from "./authz";
import { fail, ok, type Result, must } from "./result";

/** 需求 kinds: a service, a micro-wish (微心愿), or a neighbourhood problem (诉求). */
export const REQUEST_KINDS = ["service", "wish", "issue"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_STATUSES = [
  "submitted",
  "accepted",
  "assigned",
  "claimed",
  "in_progress",
  "done",
  "closed",
  "rejected",
  "cancelled",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** How a closed request ended: the resident confirmed it, or nobody did within 7 days. */
export const CLOSURES = ["confirmed", "unconfirmed"] as const;
export type Closure = (typeof CLOSURES)[number];

/** 吹哨: grid → community → street. */
export const LEVELS = ["grid", "community", "street"] as const;
export type Level = (typeof LEVELS)[number];

export const REQUEST_ACTIONS = [
  "accept",
  "claim",
  "assign",
  "acceptAssignment",
  "declineAssignment",
  "start",
  "complete",
  "release",
  "confirm",
  "reopen",
  "reject",
  "escalate",
  "cancel",
  "autoClose",
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** Who acts, as the rules see it: the resident who owns the request, the current holder, staff in scope, or the clock. */
export type RequestRole = "owner" | "holder" | "staff" | "volunteer" | "system";

export type RequestState = {
  status: RequestStatus;
  level: Level;
  holderId: string | null;
  doneAt: number | null;
  closedAt: number | null;
  /** When staff accepted it (受理); a claim or an assignment does not accept it for them. */
  acceptedAt: number | null;
};

export const CONFIRM_WINDOW_MS = 7 * 24 * 3_600_000;
export const REOPEN_WINDOW_MS = 7 * 24 * 3_600_000;

export type TransitionInput = {
  action: RequestAction;
  role: RequestRole;
  /** Holder key of the claimer or assignee: `volunteer:12`, `team:3`, `partner:5`. */
  holderId?: string;
  reason?: string;
  rating?: number;
};

export type TransitionRefusal =
  | "not_allowed_in_state"
  | "not_your_request"
  | "not_the_holder"
  | "already_held"
  | "reason_required"
  | "rating_out_of_range"
  | "confirm_window_open"
  | "reopen_window_closed"
  | "already_at_top";

type Next = Partial<RequestState> & { status: RequestStatus; closure?: Closure; rating?: number };

/**
 * 代发: the create event of a request staff posted for a resident notes the poster's role, so the
 * resident reads who posted it for them in plain words. `"staff"` is a note written before the
 * role was kept ("proxy" alone).
 */
export const proxyNote = (role: Role): string => `proxy:${role}`;

export function proxyRoleOf(note: string | null): Role | "staff" | null {
  if (note === "proxy") return "staff";
  const role = note?.startsWith("proxy:") ? note.slice("proxy:".length) : null;
  return ROLES.find((r) => r === role) ?? null;
}

/** Which states each action starts from, and who may take it. */
const RULES: Record<RequestAction, { from: readonly RequestStatus[]; roles: readonly RequestRole[] }> = {
  accept: { from: ["submitted"], roles: ["staff"] },
  claim: { from: ["submitted", "accepted"], roles: ["volunteer", "staff"] },
  assign: { from: ["submitted", "accepted"], roles: ["staff"] },
  acceptAssignment: { from: ["assigned"], roles: ["holder"] },
  declineAssignment: { from: ["assigned"], roles: ["holder"] },
  start: { from: ["claimed"], roles: ["holder"] },
  complete: { from: ["claimed", "in_progress"], roles: ["holder", "staff"] },
  release: { from: ["claimed", "in_progress"], roles: ["holder", "staff"] },
  confirm: { from: ["done"], roles: ["owner"] },
  reopen: { from: ["closed"], roles: ["owner"] },
  reject: { from: ["submitted", "accepted"], roles: ["staff"] },
  escalate: { from: ["submitted", "accepted"], roles: ["staff"] },
  cancel: { from: ["submitted", "accepted", "assigned", "claimed"], roles: ["owner"] },
  autoClose: { from: ["done"], roles: ["system"] },
};

/** The moves open to someone playing these roles on a request in this state (what the page offers them). */
export function availableActions(status: RequestStatus, roles: readonly RequestRole[], held: boolean): RequestAction[] {
  return REQUEST_ACTIONS.filter((action) => {
    const rule = RULES[action];
    if (action === "autoClose" || !rule.from.includes(status) || !rule.roles.some((r) => roles.includes(r)))
      return false;
    return action !== "claim" || !held;
  });
}

/** The roles that may take an action, so a caller can act in the first one it holds. */
export const rolesFor = (action: RequestAction): readonly RequestRole[] => RULES[action].roles;

function roleRefusal(role: RequestRole, allowed: readonly RequestRole[]): TransitionRefusal {
  if (allowed.includes("owner")) return "not_your_request";
  if (allowed.includes("holder") && !allowed.includes("staff")) return "not_the_holder";
  return role === "holder" ? "not_the_holder" : "not_your_request";
}

/** The next state of a request, or the named reason it may not move. Guards in a fixed order: state, role, input, time. */
export function decideTransition(
  state: RequestState,
  input: TransitionInput,
  now: number,
): Result<{ next: Next }, TransitionRefusal> {
  const rule = RULES[input.action];
  if (!rule.from.includes(state.status))
    return fail(input.action === "claim" && state.holderId ? "already_held" : "not_allowed_in_state");
  if (!rule.roles.includes(input.role)) return fail(roleRefusal(input.role, rule.roles));
  switch (input.action) {
    case "accept":
      return ok({ next: { status: "accepted", acceptedAt: now } });
    case "claim":
      return ok({ next: { status: "claimed", holderId: input.holderId ?? null } });
    case "assign":
      // Staff who assign it have taken it in hand: that accepts it, as a volunteer's claim does not.
      return ok({
        next: { status: "assigned", holderId: input.holderId ?? null, acceptedAt: state.acceptedAt ?? now },
      });
    case "acceptAssignment":
      return ok({ next: { status: "claimed" } });
    case "declineAssignment":
    case "release":
      // Back to where the holder found it: a request staff never accepted waits for them again.
      return ok({ next: { status: state.acceptedAt === null ? "submitted" : "accepted", holderId: null } });
    case "start":
      return ok({ next: { status: "in_progress" } });
    case "complete":
      return ok({ next: { status: "done", doneAt: now } });
    case "confirm":
      if (!Number.isInteger(input.rating) || must(input.rating) < 1 || must(input.rating) > 5)
        return fail("rating_out_of_range");
      return ok({
        next: { status: "closed", holderId: null, closedAt: now, closure: "confirmed", rating: must(input.rating) },
      });
    case "autoClose":
      if (state.doneAt === null || now < state.doneAt + CONFIRM_WINDOW_MS) return fail("confirm_window_open");
      return ok({ next: { status: "closed", holderId: null, closedAt: now, closure: "unconfirmed" } });
    case "reopen":
      if (!input.reason?.trim()) return fail("reason_required");
      if (state.closedAt === null || now > state.closedAt + REOPEN_WINDOW_MS) return fail("reopen_window_closed");
      return ok({ next: { status: "accepted", holderId: null, doneAt: null, closedAt: null } });
    case "reject":
      if (!input.reason?.trim()) return fail("reason_required");
      return ok({ next: { status: "rejected", closedAt: now } });
    case "escalate": {
      if (!input.reason?.trim()) return fail("reason_required");
      const higher = LEVELS[LEVELS.indexOf(state.level) + 1];
      if (!higher) return fail("already_at_top");
      return ok({ next: { status: state.status, level: higher } });
    }
    case "cancel":
      return ok({ next: { status: "cancelled", holderId: null, closedAt: now } });
  }
}

/** Time limits of a category: accept within `acceptHours`, finish within `finishDays` of being accepted. */
export type CategoryLimits = { acceptHours: number; finishDays: number };
export const DEFAULT_LIMITS: CategoryLimits = { acceptHours: 24, finishDays: 7 };

export type OverdueKind = "accept_overdue" | "finish_overdue";

/**
 * 预警: which deadline a request has missed, if any. Closed, rejected and
 * cancelled requests are never overdue; one staff never accepted stays on the
 * acceptance warning even while a volunteer holds it.
 */
/** The statuses a request waits in for someone to act: only these can be overdue. */
export const OPEN_REQUEST_STATUSES = [
  "submitted",
  "accepted",
  "assigned",
  "claimed",
  "in_progress",
] as const satisfies readonly RequestStatus[];

export function overdue(
  request: { status: RequestStatus; createdAt: number; acceptedAt: number | null },
  limits: CategoryLimits,
  now: number,
): OverdueKind | null {
  if (!(OPEN_REQUEST_STATUSES as readonly RequestStatus[]).includes(request.status)) return null;
  if (request.acceptedAt === null)
    return now > request.createdAt + limits.acceptHours * 3_600_000 ? "accept_overdue" : null;
  return now > request.acceptedAt + limits.finishDays * 24 * 3_600_000 ? "finish_overdue" : null;
}

/** Categories residents pick from, the skill that serves each, their time limits, and whether serving means coming to the door (so the holder needs the door number). */
export const REQUEST_CATEGORIES = {
  plumbing: { kinds: ["service", "issue"], skill: "水电维修", acceptHours: 24, visit: true, finishDays: 3 },
  haircut: { kinds: ["service"], skill: "理发", acceptHours: 24, visit: false, finishDays: 7 },
  tutoring: { kinds: ["service"], skill: "课业辅导", acceptHours: 48, visit: false, finishDays: 14 },
  health: { kinds: ["service"], skill: "医疗义诊", acceptHours: 24, visit: false, finishDays: 7 },
  legal: { kinds: ["service", "issue"], skill: "法律咨询", acceptHours: 48, visit: false, finishDays: 14 },
  companionship: { kinds: ["service", "wish"], skill: "助老陪护", acceptHours: 24, visit: true, finishDays: 7 },
  item: { kinds: ["wish"], skill: null, acceptHours: 72, visit: false, finishDays: 30 },
  environment: { kinds: ["issue"], skill: "环境整治", acceptHours: 24, visit: false, finishDays: 5 },
  dispute: { kinds: ["issue"], skill: "心理疏导", acceptHours: 24, visit: false, finishDays: 10 },
  other: { kinds: ["service", "wish", "issue"], skill: null, acceptHours: 24, visit: false, finishDays: 7 },
} as const satisfies Record<
  string,
  { kinds: readonly RequestKind[]; skill: string | null; acceptHours: number; visit: boolean; finishDays: number }
>;
export type RequestCategory = keyof typeof REQUEST_CATEGORIES;
export const REQUEST_CATEGORY_CODES = Object.keys(REQUEST_CATEGORIES) as RequestCategory[];

export const URGENCIES = ["normal", "urgent"] as const;
export type Urgency = (typeof URGENCIES)[number];

export function limitsOf(category: RequestCategory): CategoryLimits {
  const c = REQUEST_CATEGORIES[category];
  return { acceptHours: c.acceptHours, finishDays: c.finishDays };
}

/** A new request: the category must suit the kind, and a preferred window must make sense. */
export function decideNewRequest(input: {
  kind: RequestKind;
  category: RequestCategory;
  window: { startsAt: number; endsAt: number } | null;
}): Result<object, "category_not_for_kind" | "window_ends_before_start"> {
  if (!(REQUEST_CATEGORIES[input.category].kinds as readonly RequestKind[]).includes(input.kind))
    return fail("category_not_for_kind");
  if (input.window && input.window.endsAt <= input.window.startsAt) return fail("window_ends_before_start");
  return ok({});
}
