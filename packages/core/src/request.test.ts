import { describe, expect, it } from "vitest";
import {
  CONFIRM_WINDOW_MS,
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  availableActions,
  decideNewRequest,
  decideTransition,
  overdue,
  proxyNote,
  proxyRoleOf,
  type RequestAction,
  type RequestRole,
  type RequestState,
  type RequestStatus,
} from "./request";
import { must } from "./result";

const H = 3_600_000;
const now = 1_000 * H;

// The role that may take each action, and a valid input for it.
const actor: Record<RequestAction, { role: RequestRole; reason?: string; rating?: number; holderId?: string }> = {
  accept: { role: "staff" },
  claim: { role: "volunteer", holderId: "volunteer:9" },
  assign: { role: "staff", holderId: "volunteer:9" },
  acceptAssignment: { role: "holder" },
  declineAssignment: { role: "holder" },
  start: { role: "holder" },
  complete: { role: "holder" },
  release: { role: "holder" },
  confirm: { role: "owner", rating: 5 },
  reopen: { role: "owner", reason: "水管又漏了" },
  reject: { role: "staff", reason: "不属于服务范围" },
  escalate: { role: "staff", reason: "需要社区协调" },
  cancel: { role: "owner" },
  autoClose: { role: "system" },
};

// Rows: state; columns in REQUEST_ACTIONS order. A status is where the action leads, "-" is not_allowed_in_state, "held" is already_held.
const TABLE: Record<RequestStatus, string> = {
  //          accept   claim   assign   accAsg  decAsg   start        complete release  confirm reopen   reject   escalate  cancel    autoClose
  submitted:
    "accepted claimed assigned -       -        -            -        -        -       -        rejected submitted cancelled -",
  accepted:
    "-        claimed assigned -       -        -            -        -        -       -        rejected accepted  cancelled -",
  assigned:
    "-        held    -        claimed accepted -            -        -        -       -        -        -         cancelled -",
  claimed:
    "-        held    -        -       -        in_progress  done     accepted -       -        -        -         cancelled -",
  in_progress:
    "-        held    -        -       -        -            done     accepted -       -        -        -         -         -",
  done: "-        held    -        -       -        -            -        -        closed  -        -        -         -         closed",
  closed:
    "-        held    -        -       -        -            -        -        -       accepted -        -         -         -",
  rejected:
    "-        -       -        -       -        -            -        -        -       -        -        -         -         -",
  cancelled:
    "-        -       -        -       -        -            -        -        -       -        -        -         -         -",
};

const stateIn = (status: RequestStatus): RequestState => ({
  status,
  level: "grid",
  holderId: ["assigned", "claimed", "in_progress", "done", "closed"].includes(status) ? "volunteer:9" : null,
  doneAt: status === "done" || status === "closed" ? now - 8 * 24 * H : null,
  closedAt: status === "closed" ? now - 24 * H : null,
  acceptedAt: status === "submitted" ? null : now - 48 * H,
});

describe("the request state machine", () => {
  const rows = REQUEST_STATUSES.flatMap((status) => {
    const cells = TABLE[status].split(/\s+/);
    return REQUEST_ACTIONS.map((action, i) => ({ status, action, expected: must(cells[i]) }));
  });

  it.each(rows)("$status × $action → $expected", ({ status, action, expected }) => {
    const result = decideTransition(stateIn(status), { action, ...actor[action] }, now);
    if (expected === "-") expect(result).toEqual({ ok: false, reason: "not_allowed_in_state" });
    else if (expected === "held") expect(result).toEqual({ ok: false, reason: "already_held" });
    else expect(result.ok && result.next.status).toBe(expected);
  });

  it.each([
    { action: "accept", role: "owner", reason: "not_your_request" },
    { action: "confirm", role: "staff", reason: "not_your_request" },
    { action: "cancel", role: "holder", reason: "not_your_request" },
    { action: "assign", role: "volunteer", reason: "not_your_request" },
  ] as const)("$role may not $action", ({ action, role, reason }) => {
    const status = action === "confirm" ? "done" : "submitted";
    expect(decideTransition(stateIn(status), { ...actor[action], action, role }, now)).toEqual({ ok: false, reason });
  });

  it.each([
    { case: "a claim on an accepted request", action: "release", acceptedAt: now - H, expected: "accepted" },
    { case: "a claim on a request staff never accepted", action: "release", acceptedAt: null, expected: "submitted" },
    {
      case: "an assignment on an accepted request",
      action: "declineAssignment",
      acceptedAt: now - H,
      expected: "accepted",
    },
  ] as const)("releasing $case returns it to $expected", ({ action, acceptedAt, expected }) => {
    const state = { ...stateIn(action === "release" ? "claimed" : "assigned"), acceptedAt };
    const result = decideTransition(state, { action, role: "holder" }, now);
    expect(result.ok && result.next).toEqual({ status: expected, holderId: null });
  });

  it("staff accept by accepting or by assigning; a volunteer's claim accepts nothing", () => {
    const fresh = stateIn("submitted");
    expect(decideTransition(fresh, { action: "accept", role: "staff" }, now)).toMatchObject({
      ok: true,
      next: { acceptedAt: now },
    });
    expect(decideTransition(fresh, { action: "assign", role: "staff", holderId: "volunteer:9" }, now)).toMatchObject({
      ok: true,
      next: { acceptedAt: now },
    });
    expect(
      decideTransition(
        { ...fresh, status: "accepted", acceptedAt: now - H },
        { action: "assign", role: "staff", holderId: "volunteer:9" },
        now,
      ),
    ).toMatchObject({ ok: true, next: { acceptedAt: now - H } });
    const claimed = decideTransition(fresh, { action: "claim", role: "volunteer", holderId: "volunteer:9" }, now);
    expect(claimed.ok && "acceptedAt" in claimed.next).toBe(false);
  });

  it("only the holder starts the work", () => {
    expect(decideTransition(stateIn("claimed"), { action: "start", role: "staff" }, now)).toEqual({
      ok: false,
      reason: "not_the_holder",
    });
  });

  it.each([
    {
      case: "rejecting without a reason",
      state: "submitted",
      input: { action: "reject", role: "staff", reason: " " },
      reason: "reason_required",
    },
    {
      case: "escalating without a reason",
      state: "accepted",
      input: { action: "escalate", role: "staff" },
      reason: "reason_required",
    },
    {
      case: "rating 6 stars",
      state: "done",
      input: { action: "confirm", role: "owner", rating: 6 },
      reason: "rating_out_of_range",
    },
    {
      case: "rating 0 stars",
      state: "done",
      input: { action: "confirm", role: "owner", rating: 0 },
      reason: "rating_out_of_range",
    },
    {
      case: "reopening without a reason",
      state: "closed",
      input: { action: "reopen", role: "owner" },
      reason: "reason_required",
    },
  ] as const)("refuses $case", ({ state, input, reason }) => {
    expect(decideTransition(stateIn(state), input, now)).toEqual({ ok: false, reason });
  });

  it("escalates grid → community → street, then refuses", () => {
    const once = decideTransition(stateIn("accepted"), { action: "escalate", role: "staff", reason: "r" }, now);
    expect(once.ok && once.next.level).toBe("community");
    const twice = decideTransition(
      { ...stateIn("accepted"), level: "community" },
      { action: "escalate", role: "staff", reason: "r" },
      now,
    );
    expect(twice.ok && twice.next.level).toBe("street");
    expect(
      decideTransition(
        { ...stateIn("accepted"), level: "street" },
        { action: "escalate", role: "staff", reason: "r" },
        now,
      ),
    ).toEqual({ ok: false, reason: "already_at_top" });
  });

  it("closes a done request as unconfirmed only after 7 days, and keeps a confirmation distinct", () => {
    const done = { ...stateIn("done"), doneAt: now };
    expect(decideTransition(done, { action: "autoClose", role: "system" }, now + CONFIRM_WINDOW_MS - 1)).toEqual({
      ok: false,
      reason: "confirm_window_open",
    });
    const auto = decideTransition(done, { action: "autoClose", role: "system" }, now + CONFIRM_WINDOW_MS);
    expect(auto.ok && auto.next).toMatchObject({ status: "closed", closure: "unconfirmed" });
    const confirmed = decideTransition(done, { action: "confirm", role: "owner", rating: 4 }, now);
    expect(confirmed.ok && confirmed.next).toMatchObject({ status: "closed", closure: "confirmed", rating: 4 });
  });

  it("reopens within 7 days of closing, not after", () => {
    const closed = { ...stateIn("closed"), closedAt: now };
    expect(decideTransition(closed, { action: "reopen", role: "owner", reason: "没修好" }, now + 7 * 24 * H).ok).toBe(
      true,
    );
    expect(
      decideTransition(closed, { action: "reopen", role: "owner", reason: "没修好" }, now + 7 * 24 * H + 1),
    ).toEqual({ ok: false, reason: "reopen_window_closed" });
  });
});

describe("available moves", () => {
  it.each([
    { status: "submitted" as const, roles: ["owner"] as const, held: false, expected: ["cancel"] },
    {
      status: "submitted" as const,
      roles: ["staff", "volunteer"] as const,
      held: false,
      expected: ["accept", "claim", "assign", "reject", "escalate"],
    },
    {
      status: "assigned" as const,
      roles: ["holder", "volunteer"] as const,
      held: true,
      expected: ["acceptAssignment", "declineAssignment"],
    },
    { status: "claimed" as const, roles: ["holder"] as const, held: true, expected: ["start", "complete", "release"] },
    { status: "done" as const, roles: ["owner"] as const, held: true, expected: ["confirm"] },
    { status: "closed" as const, roles: ["owner"] as const, held: false, expected: ["reopen"] },
    { status: "rejected" as const, roles: ["owner", "staff"] as const, held: false, expected: [] },
  ])("$roles on a $status request may $expected", ({ status, roles, held, expected }) => {
    expect(availableActions(status, roles, held)).toEqual(expected);
  });
});

describe("overdue warnings (预警)", () => {
  const limits = { acceptHours: 24, finishDays: 3 };
  it.each([
    {
      case: "submitted 23 h ago",
      request: { status: "submitted" as const, createdAt: now - 23 * H, acceptedAt: null },
      expected: null,
    },
    {
      case: "submitted 25 h ago",
      request: { status: "submitted" as const, createdAt: now - 25 * H, acceptedAt: null },
      expected: "accept_overdue",
    },
    {
      case: "accepted 2 days ago",
      request: { status: "claimed" as const, createdAt: now - 60 * H, acceptedAt: now - 48 * H },
      expected: null,
    },
    {
      case: "in progress 4 days after acceptance",
      request: { status: "in_progress" as const, createdAt: now - 120 * H, acceptedAt: now - 96 * H },
      expected: "finish_overdue",
    },
    {
      case: "claimed 25 h after submission, never accepted",
      request: { status: "claimed" as const, createdAt: now - 25 * H, acceptedAt: null },
      expected: "accept_overdue",
    },
    {
      case: "in progress 23 h after submission, never accepted",
      request: { status: "in_progress" as const, createdAt: now - 23 * H, acceptedAt: null },
      expected: null,
    },
    {
      case: "done long ago",
      request: { status: "done" as const, createdAt: now - 999 * H, acceptedAt: now - 900 * H },
      expected: null,
    },
    {
      case: "cancelled long ago",
      request: { status: "cancelled" as const, createdAt: now - 999 * H, acceptedAt: null },
      expected: null,
    },
  ])("$case → $expected", ({ request, expected }) => {
    expect(overdue(request, limits, now)).toBe(expected);
  });
});

describe("new requests", () => {
  it.each([
    { input: { kind: "wish" as const, category: "item" as const, window: null }, expected: { ok: true } },
    {
      input: { kind: "service" as const, category: "item" as const, window: null },
      expected: { ok: false, reason: "category_not_for_kind" },
    },
    {
      input: { kind: "issue" as const, category: "plumbing" as const, window: { startsAt: 2, endsAt: 1 } },
      expected: { ok: false, reason: "window_ends_before_start" },
    },
  ])("$input.kind / $input.category → $expected.ok", ({ input, expected }) => {
    expect(decideNewRequest(input)).toEqual(expected);
  });
});

describe("who posted a request for a resident (代发)", () => {
  it.each([
    { note: proxyNote("gridWorker"), role: "gridWorker" },
    { note: proxyNote("communityStaff"), role: "communityStaff" },
    { note: proxyNote("streetAdmin"), role: "streetAdmin" },
    { note: "proxy", role: "staff" },
    { note: null, role: null },
    { note: "offer:3", role: null },
    { note: "proxy:mayor", role: null },
  ])("the note $note reads as $role", ({ note, role }) => {
    expect(proxyRoleOf(note)).toBe(role);
  });
});
