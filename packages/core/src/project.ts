import { fail, ok, type Result } from "./result";

/** 项目清单: a larger piece of work a community posts and a team or partner unit claims (认领). */
export const PROJECT_STATUSES = ["open", "claimed", "completed", "cancelled"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export type Milestone = { id: number; target: number; progress: number };

export function decideProjectClaim(
  status: ProjectStatus,
  holderKey: string | null,
): Result<{ status: "claimed" }, "already_held" | "not_allowed_in_state"> {
  if (holderKey !== null || status === "claimed") return fail("already_held");
  if (status !== "open") return fail("not_allowed_in_state");
  return ok({ status: "claimed" });
}

/** Progress is reported by the holder while the project runs, between 0 and the milestone's target. */
export function decideProgress(
  status: ProjectStatus,
  milestone: Milestone,
  progress: number,
): Result<{ progress: number; reached: boolean }, "not_allowed_in_state" | "progress_out_of_range"> {
  if (status !== "claimed") return fail("not_allowed_in_state");
  if (!Number.isInteger(progress) || progress < 0 || progress > milestone.target) return fail("progress_out_of_range");
  return ok({ progress, reached: progress === milestone.target });
}

/** The community confirms completion only when every milestone has reached its target. */
export function decideProjectComplete(
  status: ProjectStatus,
  milestones: readonly Milestone[],
): Result<{ status: "completed" }, "not_allowed_in_state" | "milestones_open"> {
  if (status !== "claimed") return fail("not_allowed_in_state");
  if (milestones.some((m) => m.progress < m.target)) return fail("milestones_open");
  return ok({ status: "completed" });
}
