import {
  BUILT_IN_PROCEDURES,
  STEPS,
  isStepKey,
  type BuiltInProcedure,
  type MeetingBody,
  type StepKey,
  type StepKind,
  type StepOutcome,
  type TopicStatus,
} from "./deliberation";
import { fail, ok, type Result } from "./result";
import { workingDaysAfter } from "./warning";

/**
 * A procedure: the steps, in order, a topic of one kind goes through. A community may set its own per kind
 * (the built-ins' codes); the state machine below records one step at a time, never skipping or repeating one.
 */
export const PROCEDURE_CODES = ["yizheng", "bench", "joint"] as const satisfies readonly BuiltInProcedure[];

/** 征求意见 lasts this many calendar days unless the community chose otherwise. */
export const COMMENT_DAYS_DEFAULT = 7;
/** 决议公开 lasts this many working days unless the community chose otherwise. */
export const TOPIC_NOTICE_WORKING_DAYS_DEFAULT = 5;
/** Both periods, chosen by a community, run 1 to 30 days. */
export const PERIOD_DAYS_MIN = 1;
export const PERIOD_DAYS_MAX = 30;
const DAY_MS = 86_400_000;

export type ProcedureSpec = { steps: readonly StepKey[]; commentDays: number; noticeWorkingDays: number };

export const builtInProcedure = (code: BuiltInProcedure): ProcedureSpec => ({
  steps: BUILT_IN_PROCEDURES[code],
  commentDays: COMMENT_DAYS_DEFAULT,
  noticeWorkingDays: TOPIC_NOTICE_WORKING_DAYS_DEFAULT,
});

const kindOf = (key: StepKey): StepKind => STEPS[key].kind;

/**
 * A community's own procedure: known keys, none repeated, a meeting to decide, the notice (决议公开) only after a
 * meeting decided something to publish, and 实施 then 结果公开 last, so every topic ends with its result in public.
 */
export function checkProcedure(
  code: BuiltInProcedure,
  steps: readonly string[],
): Result<{ steps: StepKey[] }, "invalid_procedure" | "procedure_incomplete"> {
  if (!steps.every(isStepKey) || new Set(steps).size !== steps.length) return fail("invalid_procedure");
  const keys = steps as StepKey[];
  const meetingsAt = keys.flatMap((key, at) => (kindOf(key) === "meeting" ? [at] : []));
  const firstMeeting = meetingsAt[0] ?? -1;
  const lastMeeting = meetingsAt.at(-1) ?? -1;
  const tail = keys.slice(-2).join(",") === "implement,report";
  // Opinions are collected before anyone decides, and the decision is published once every body has met.
  const consultLate = keys.includes("consult") && keys.indexOf("consult") > firstMeeting;
  const announceEarly = keys.includes("announce") && keys.indexOf("announce") < lastMeeting;
  if (firstMeeting < 0 || !tail || consultLate || announceEarly) return fail("invalid_procedure");
  if (!inOrderWithin(PROCEDURE_NAMED_STEPS[code], keys)) return fail("procedure_incomplete");
  return ok({ steps: keys });
}

/**
 * The steps a procedure's name promises: 一征三议两公开 is all eight of its steps, 板凳协商 a bench meeting,
 * 大党委 a joint meeting and its public notice (the big matters are published). A community may add steps around them, never drop one, or the name would lie.
 */
const PROCEDURE_NAMED_STEPS = {
  yizheng: BUILT_IN_PROCEDURES.yizheng,
  bench: ["bench"],
  joint: ["joint", "announce"],
} as const satisfies Record<BuiltInProcedure, readonly StepKey[]>;

/** Whether `wanted` appears in `keys` in the same order (other keys may stand between). */
function inOrderWithin(wanted: readonly StepKey[], keys: readonly StepKey[]): boolean {
  let at = 0;
  for (const key of keys) if (key === wanted[at]) at += 1;
  return at === wanted.length;
}

export const checkPeriodDays = (days: number): boolean =>
  Number.isSafeInteger(days) && days >= PERIOD_DAYS_MIN && days <= PERIOD_DAYS_MAX;

/** Where a topic stands in its procedure: `stepIndex` is the step to be recorded next (so also how many are). */
export type TopicState = { status: TopicStatus; stepIndex: number | null; stepDueAt: number | null };

/** The meeting's decision on this topic (`meeting_agenda.passed`), null until its votes were counted with a quorum. */
export type MeetingDecision = { meetingId: number; body: MeetingBody; passed: boolean | null };

export type StepInput = {
  /** The step the caller saw as current: a stale one is refused, as an optimistic version is. */
  stepIndex: number;
  /** Read only for 党组织提议, which the Party organisation may also turn down. */
  outcome?: "passed" | "rejected" | undefined;
  note?: string | null | undefined;
  meeting?: MeetingDecision | null | undefined;
  /** Objections to the notice not answered yet. */
  openObjections: number;
};

export type StepRefusal =
  | "not_allowed_in_state"
  | "stale_step"
  | "comment_open"
  | "note_required"
  | "meeting_required"
  | "wrong_body"
  | "not_meeting_step"
  | "outcome_not_allowed"
  | "meeting_undecided"
  | "notice_running"
  | "objections_open";

export type RecordedStep = {
  stepIndex: number;
  stepKey: StepKey;
  outcome: StepOutcome;
  meetingId: number | null;
  note: string | null;
};
export type StepDecision = { recorded: RecordedStep; next: TopicState };

/** The status a topic takes once `recorded` steps of `steps` are behind it (none rejected). */
export function statusAfter(steps: readonly StepKey[], recorded: number): TopicStatus {
  const next = steps[recorded];
  if (next === undefined) return "done";
  return kindOf(next) === "implementation" || kindOf(next) === "report" ? "decided" : "deliberating";
}

/** When the step at `index` closes, if it is a period: comments after calendar days, the notice after working days. */
export function dueAtOpening(spec: ProcedureSpec, index: number, now: number): number | null {
  const key = spec.steps[index];
  if (key === undefined) return null;
  if (kindOf(key) === "comment") return now + spec.commentDays * DAY_MS;
  if (kindOf(key) === "notice") return workingDaysAfter(now, spec.noticeWorkingDays);
  return null;
}

/** Staff put a proposed topic into its procedure: at its first step, whose period (if any) starts now. */
export const enterProcedure = (spec: ProcedureSpec, now: number): TopicState => ({
  status: statusAfter(spec.steps, 0),
  stepIndex: 0,
  stepDueAt: dueAtOpening(spec, 0, now),
});

type KindRule = (
  state: TopicState,
  input: StepInput,
  now: number,
  body: MeetingBody | undefined,
) => StepOutcome | StepRefusal;

const hasNote = (input: StepInput) => (input.note ?? "").trim().length > 0;

/** Per kind of step: what must hold before it is recorded, and the outcome it is recorded with. */
const KIND_RULES: Record<StepKind, KindRule> = {
  comment: (state, _input, now) => (state.stepDueAt !== null && now < state.stepDueAt ? "comment_open" : "done"),
  proposal: (_state, input) => (hasNote(input) ? (input.outcome ?? "passed") : "note_required"),
  meeting: (_state, input, _now, body) => {
    if (!input.meeting) return "meeting_required";
    if (input.meeting.body !== body) return "wrong_body";
    if (input.meeting.passed === null) return "meeting_undecided";
    return input.meeting.passed ? "passed" : "rejected";
  },
  notice: (state, input, now) => {
    // A notice without its end day was never opened as one: it cannot be closed.
    if (state.stepDueAt === null || now < state.stepDueAt) return "notice_running";
    return input.openObjections > 0 ? "objections_open" : "done";
  },
  implementation: (_state, input) => (hasNote(input) ? "done" : "note_required"),
  report: (_state, input) => (hasNote(input) ? "done" : "note_required"),
};

const isOutcome = (value: StepOutcome | StepRefusal): value is StepOutcome =>
  value === "passed" || value === "rejected" || value === "done";

/**
 * Records the step at the topic's `stepIndex` and only that one. Guards in a fixed order: the topic is in its
 * procedure, the caller means the current step, a meeting decides only a meeting step, then the step's own rule. A rejected step stops the topic.
 */
export function decideStep(
  state: TopicState,
  spec: ProcedureSpec,
  input: StepInput,
  now: number,
): Result<StepDecision, StepRefusal> {
  const key = state.stepIndex === null ? undefined : spec.steps[state.stepIndex];
  if ((state.status !== "deliberating" && state.status !== "decided") || key === undefined || state.stepIndex === null)
    return fail("not_allowed_in_state");
  if (input.stepIndex !== state.stepIndex) return fail("stale_step");
  // A meeting's decision records a meeting step only: it must not close a comment period or a notice.
  if (input.meeting && kindOf(key) !== "meeting") return fail("not_meeting_step");
  // Only the Party organisation turns a topic down by hand; a meeting rejects by its votes, other steps never.
  if (input.outcome === "rejected" && kindOf(key) !== "proposal") return fail("outcome_not_allowed");
  const outcome = KIND_RULES[kindOf(key)](state, input, now, STEPS[key].body);
  if (!isOutcome(outcome)) return fail(outcome);
  const index = state.stepIndex;
  const recorded: RecordedStep = {
    stepIndex: index,
    stepKey: key,
    outcome,
    meetingId: kindOf(key) === "meeting" ? (input.meeting?.meetingId ?? null) : null,
    note: hasNote(input) ? (input.note ?? "").trim() : null,
  };
  const next: TopicState =
    outcome === "rejected"
      ? { status: "rejected", stepIndex: index + 1, stepDueAt: null }
      : {
          status: statusAfter(spec.steps, index + 1),
          stepIndex: index + 1,
          stepDueAt: dueAtOpening(spec, index + 1, now),
        };
  return ok({ recorded, next });
}

/** The kind of the step a topic stands at, if it is in a procedure. */
export const currentKind = (state: TopicState, steps: readonly StepKey[]): StepKind | null => {
  const key = state.stepIndex === null ? undefined : steps[state.stepIndex];
  return (state.status === "deliberating" || state.status === "decided") && key ? kindOf(key) : null;
};
