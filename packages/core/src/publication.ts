import { STEPS, type StepKey, type StepOutcome, type TopicStatus } from "./deliberation";

/**
 * 两公开: what of a topic the public reads. A topic is public from the moment staff put it into a procedure, and
 * stays public whatever the outcome; one still gathering support, turned away or merged is not on the public page
 * (its proposer and neighbours follow it signed in).
 */
export const PUBLIC_TOPIC_STATUSES = [
  "deliberating",
  "decided",
  "done",
  "rejected",
] as const satisfies readonly TopicStatus[];

export const isPublicTopic = (status: TopicStatus): boolean =>
  (PUBLIC_TOPIC_STATUSES as readonly TopicStatus[]).includes(status);

export type PublishedStep = { stepKey: StepKey; outcome: StepOutcome; decidedAt: number; note: string | null };

export type PublicRecord = {
  /** What was decided: the note of the step that rejected the topic, else of the last meeting that decided it. */
  decision: string | null;
  /** What came of it: the note of 结果公开. */
  result: string | null;
  /** 决议公开: from the decision until the notice step was recorded (while it runs, until it is due to end). */
  notice: { from: number; to: number | null } | null;
};

/** The decision, the result and the notice's period, read from the recorded steps (in order). */
export function publicRecord(
  steps: readonly PublishedStep[],
  current: StepKey | null,
  currentDueAt: number | null,
): PublicRecord {
  const rejected = steps.find((s) => s.outcome === "rejected");
  const lastMeeting = [...steps].reverse().find((s) => STEPS[s.stepKey].kind === "meeting");
  const report = steps.find((s) => STEPS[s.stepKey].kind === "report");
  const announced = steps.findIndex((s) => STEPS[s.stepKey].kind === "notice");
  const noticeFrom = (i: number) => steps[i - 1]?.decidedAt ?? null;
  let notice: PublicRecord["notice"] = null;
  if (announced >= 0) {
    const from = noticeFrom(announced);
    notice = from === null ? null : { from, to: steps[announced]?.decidedAt ?? null };
  } else if (current && STEPS[current].kind === "notice") {
    const from = noticeFrom(steps.length);
    notice = from === null ? null : { from, to: currentDueAt };
  }
  return { decision: (rejected ?? lastMeeting)?.note ?? null, result: report?.note ?? null, notice };
}
