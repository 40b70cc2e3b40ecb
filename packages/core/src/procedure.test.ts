import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILT_IN_PROCEDURES, STEPS, type StepKey } from "./deliberation";
import {
  builtInProcedure,
  checkProcedure,
  decideStep,
  dueAtOpening,
  enterProcedure,
  statusAfter,
  type MeetingDecision,
  type ProcedureSpec,
  type StepInput,
  type TopicState,
} from "./procedure";
import { must } from "./result";

const sh = (iso: string) => Date.parse(`${iso}+08:00`);
const DAY = 86_400_000;
const NOW = sh("2026-11-27T10:00:00");
const yizheng = builtInProcedure("yizheng");
const bench = builtInProcedure("bench");
const at = (stepIndex: number, stepDueAt: number | null = null, steps = yizheng.steps): TopicState => ({
  status: statusAfter(steps, stepIndex),
  stepIndex,
  stepDueAt,
});
const input = (stepIndex: number, more: Partial<StepInput> = {}): StepInput => ({
  stepIndex,
  openObjections: 0,
  ...more,
});
const meeting = (body: MeetingDecision["body"], passed: boolean | null): MeetingDecision => ({
  meetingId: 9,
  body,
  passed,
});

describe("checkProcedure", () => {
  const { yizheng } = BUILT_IN_PROCEDURES;
  it.each([
    ["一征三议两公开", "yizheng", yizheng, "ok"],
    ["the bench procedure", "bench", BUILT_IN_PROCEDURES.bench, "ok"],
    ["the joint procedure", "joint", BUILT_IN_PROCEDURES.joint, "ok"],
    [
      "板凳协商 with comments first and a notice",
      "bench",
      ["consult", "bench", "announce", "implement", "report"],
      "ok",
    ],
    ["一征三议两公开 with a bench meeting added", "yizheng", ["consult", "bench", ...yizheng.slice(1)], "ok"],
    [
      "一征三议两公开 without 党员大会审议",
      "yizheng",
      yizheng.filter((key) => key !== "review"),
      "procedure_incomplete",
    ],
    [
      "一征三议两公开 with two meetings swapped",
      "yizheng",
      ["consult", "propose", "review", "discuss", ...yizheng.slice(4)],
      "procedure_incomplete",
    ],
    ["板凳协商 without a bench meeting", "bench", ["resolve", "implement", "report"], "procedure_incomplete"],
    ["大党委 without a joint meeting", "joint", ["bench", "announce", "implement", "report"], "procedure_incomplete"],
    ["大党委 without its public notice", "joint", ["joint", "implement", "report"], "procedure_incomplete"],
    [
      "a notice before the named body met",
      "bench",
      ["discuss", "announce", "bench", "implement", "report"],
      "invalid_procedure",
    ],
    ["comments after the decision", "bench", ["bench", "consult", "implement", "report"], "invalid_procedure"],
    ["an unknown key", "bench", ["vote", "implement", "report"], "invalid_procedure"],
    ["a repeated step", "bench", ["bench", "bench", "implement", "report"], "invalid_procedure"],
    ["no meeting", "yizheng", ["consult", "propose", "announce", "implement", "report"], "invalid_procedure"],
    ["a notice before any meeting", "bench", ["announce", "bench", "implement", "report"], "invalid_procedure"],
    ["report before implement", "bench", ["bench", "report", "implement"], "invalid_procedure"],
    ["no report", "bench", ["bench", "implement"], "invalid_procedure"],
    ["nothing", "joint", [], "invalid_procedure"],
  ] as const)("%s: %s", (_name, code, steps, expected) => {
    const checked = checkProcedure(code, steps);
    expect(checked.ok ? "ok" : checked.reason).toBe(expected);
  });
});

describe("decideStep: each kind of step", () => {
  const due = NOW + DAY;
  it.each<[string, TopicState, StepInput, number, ProcedureSpec, ReturnType<typeof decideStep>["ok"], string]>([
    ["comments close only after their deadline", at(0, due), input(0), NOW, yizheng, false, "comment_open"],
    ["comments close at their deadline", at(0, due), input(0), due, yizheng, true, "done"],
    ["the Party's proposal needs a note", at(1), input(1), NOW, yizheng, false, "note_required"],
    ["the Party's proposal with a note passes", at(1), input(1, { note: "提议实施" }), NOW, yizheng, true, "passed"],
    [
      "the Party may turn it down",
      at(1),
      input(1, { note: "不提议", outcome: "rejected" }),
      NOW,
      yizheng,
      true,
      "rejected",
    ],
    ["a meeting step needs a meeting", at(2), input(2), NOW, yizheng, false, "meeting_required"],
    [
      "a step other than the proposal is never rejected by hand",
      at(6),
      input(6, { outcome: "rejected", note: "实施时否决" }),
      NOW,
      yizheng,
      false,
      "outcome_not_allowed",
    ],
    [
      "a meeting's decision never closes a comment period",
      at(0),
      input(0, { meeting: meeting("twoCommittees", true) }),
      NOW,
      yizheng,
      false,
      "not_meeting_step",
    ],
    [
      "a meeting of another body",
      at(2),
      input(2, { meeting: meeting("partyMembers", true) }),
      NOW,
      yizheng,
      false,
      "wrong_body",
    ],
    [
      "a meeting not counted yet",
      at(2),
      input(2, { meeting: meeting("twoCommittees", null) }),
      NOW,
      yizheng,
      false,
      "meeting_undecided",
    ],
    ["the 两委 pass it", at(2), input(2, { meeting: meeting("twoCommittees", true) }), NOW, yizheng, true, "passed"],
    [
      "the 党员大会 reject it",
      at(3),
      input(3, { meeting: meeting("partyMembers", false) }),
      NOW,
      yizheng,
      true,
      "rejected",
    ],
    ["the notice runs until its end", at(5, due), input(5), NOW, yizheng, false, "notice_running"],
    ["a notice never opened with its end day is not closed", at(5), input(5), NOW, yizheng, false, "notice_running"],
    [
      "an unanswered objection keeps it open",
      at(5, due),
      input(5, { openObjections: 1 }),
      due,
      yizheng,
      false,
      "objections_open",
    ],
    ["the notice ends, every objection answered", at(5, due), input(5), due, yizheng, true, "done"],
    ["实施 needs a note", at(6), input(6, { note: " " }), NOW, yizheng, false, "note_required"],
    ["实施 with a note", at(6), input(6, { note: "灯已换" }), NOW, yizheng, true, "done"],
    ["结果公开 needs the result", at(7), input(7), NOW, yizheng, false, "note_required"],
    ["结果公开 with the result", at(7), input(7, { note: "已完成" }), NOW, yizheng, true, "done"],
    [
      "板凳协商 decides by its bench meeting",
      at(0, null, bench.steps),
      input(0, { meeting: meeting("bench", true) }),
      NOW,
      bench,
      true,
      "passed",
    ],
  ])("%s", (_name, state, stepInput, now, spec, ok, expected) => {
    const result = decideStep(state, spec, stepInput, now);
    expect(result.ok).toBe(ok);
    expect(result.ok ? result.recorded.outcome : result.reason).toBe(expected);
  });
});

describe("decideStep: order and status", () => {
  it("refuses a skipped step: the input names a later step than the topic's", () => {
    expect(decideStep(at(1), yizheng, input(2, { meeting: meeting("twoCommittees", true) }), NOW)).toEqual({
      ok: false,
      reason: "stale_step",
    });
  });

  it("refuses a repeated step: the input names a step already recorded", () => {
    expect(decideStep(at(2), yizheng, input(1, { note: "again" }), NOW)).toEqual({ ok: false, reason: "stale_step" });
  });

  it.each(["proposed", "declined", "merged", "rejected", "done"] as const)(
    "records nothing on a %s topic",
    (status) => {
      expect(decideStep({ status, stepIndex: 0, stepDueAt: null }, yizheng, input(0), NOW)).toEqual({
        ok: false,
        reason: "not_allowed_in_state",
      });
    },
  );

  it("stops the topic when a meeting rejects it", () => {
    const result = must(decideStep(at(4), yizheng, input(4, { meeting: meeting("residentReps", false) }), NOW));
    expect(result.ok && result.next).toEqual({ status: "rejected", stepIndex: 5, stepDueAt: null });
  });

  it("opens the notice with its working days when the resolution passes", () => {
    const result = decideStep(at(4), yizheng, input(4, { meeting: meeting("residentReps", true) }), NOW);
    expect(result.ok && result.next).toEqual({
      status: "deliberating",
      stepIndex: 5,
      stepDueAt: sh("2026-12-05T00:00:00"),
    });
    expect(result.ok && result.recorded).toEqual({
      stepIndex: 4,
      stepKey: "resolve",
      outcome: "passed",
      meetingId: 9,
      note: null,
    });
  });

  it("is decided once the step before 实施 is recorded, done once 结果公开 is", () => {
    expect(statusAfter(yizheng.steps, 6)).toBe("decided");
    expect(statusAfter(yizheng.steps, 7)).toBe("decided");
    expect(statusAfter(yizheng.steps, 8)).toBe("done");
    expect(statusAfter(bench.steps, 1)).toBe("decided");
  });

  it("opens the comment period on entering the procedure, in calendar days", () => {
    expect(enterProcedure({ ...yizheng, commentDays: 10 }, NOW)).toEqual({
      status: "deliberating",
      stepIndex: 0,
      stepDueAt: NOW + 10 * DAY,
    });
    expect(enterProcedure(bench, NOW).stepDueAt).toBeNull();
  });
});

describe("the notice period counts working days", () => {
  it.each([
    ["from a Friday, over a weekend", "2026-11-27T10:00:00", 5, "2026-12-05T00:00:00"],
    ["over 国庆, with the make-up Saturday a working day", "2026-09-30T10:00:00", 5, "2026-10-14T00:00:00"],
    ["one working day from a Saturday", "2026-11-28T10:00:00", 1, "2026-12-01T00:00:00"],
  ])("%s", (_name, start, days, end) => {
    const spec = { ...builtInProcedure("joint"), noticeWorkingDays: days };
    expect(dueAtOpening(spec, 1, sh(start))).toBe(sh(end));
  });
});

/** Attempted actions: record the step the caller believes is current (right or stale), with whatever facts. */
const attempt = fc.record({
  indexShift: fc.integer({ min: -2, max: 2 }),
  note: fc.constantFrom(null, "好"),
  outcome: fc.constantFrom(undefined, "passed" as const, "rejected" as const),
  body: fc.constantFrom(...(["twoCommittees", "partyMembers", "residentReps", "jointCommittee", "bench"] as const)),
  passed: fc.constantFrom(true, false, null, true, true),
  openObjections: fc.constantFrom(0, 0, 1),
  advanceDays: fc.integer({ min: 0, max: 15 }),
});
const procedureArb = fc
  .tuple(
    fc.subarray(["consult", "propose"] as StepKey[]),
    fc.uniqueArray(fc.constantFrom<StepKey>("discuss", "review", "resolve", "bench", "joint"), { minLength: 1 }),
    fc.boolean(),
  )
  // A community's own procedure keeps the meeting its name promises: a bench one here.
  .map(([before, meetings, announce]): StepKey[] => {
    const named: StepKey[] = meetings.includes("bench") ? [] : ["bench"];
    return [...before, ...meetings, ...named, ...(announce ? ["announce" as const] : []), "implement", "report"];
  });

describe("property: no topic gets ahead of its procedure", () => {
  it("reaches 决议公开 or beyond only with every earlier step recorded in order, and is done only after 结果公开", () => {
    fc.assert(
      fc.property(procedureArb, fc.array(attempt, { maxLength: 40 }), (steps, attempts) => {
        expect(checkProcedure("bench", steps).ok).toBe(true);
        const spec: ProcedureSpec = { steps, commentDays: 7, noticeWorkingDays: 5 };
        let now = NOW;
        let state = enterProcedure(spec, now);
        const recorded: StepKey[] = [];
        for (const a of attempts) {
          now += a.advanceDays * DAY;
          const result = decideStep(
            state,
            spec,
            {
              stepIndex: (state.stepIndex ?? 0) + a.indexShift,
              note: a.note,
              outcome: a.outcome,
              meeting: { meetingId: 1, body: a.body, passed: a.passed },
              openObjections: a.openObjections,
            },
            now,
          );
          if (!result.ok) continue;
          expect(result.recorded.stepIndex).toBe(recorded.length);
          recorded.push(result.recorded.stepKey);
          state = result.next;
          expect(state.stepIndex).toBe(recorded.length);
          const announce = steps.indexOf("announce");
          if (announce >= 0 && must(state.stepIndex) >= announce && state.status !== "rejected")
            expect(recorded.slice(0, announce)).toEqual(steps.slice(0, announce));
        }
        expect(recorded).toEqual(steps.slice(0, recorded.length));
        if (state.status === "done") expect(recorded.at(-1)).toBe("report");
        if (state.status === "rejected") expect(STEPS[must(recorded.at(-1))].kind).toMatch(/meeting|proposal/);
      }),
      { numRuns: 300 },
    );
  });
});
