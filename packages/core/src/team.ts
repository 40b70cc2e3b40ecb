import { fail, ok, type Result } from "./result";

export type MembershipStatus = "applied" | "active" | "left" | "rejected";

/** A volunteer applies to a team once at a time; the leader decides. */
export function decideApply(
  isVolunteer: boolean,
  live: MembershipStatus | null,
): Result<{ status: "applied" }, "not_volunteer" | "already_member"> {
  if (!isVolunteer) return fail("not_volunteer");
  if (live === "applied" || live === "active") return fail("already_member");
  return ok({ status: "applied" });
}

export function decideApplication(
  current: MembershipStatus,
  approve: boolean,
): Result<{ status: "active" | "rejected" }, "not_pending"> {
  if (current !== "applied") return fail("not_pending");
  return ok({ status: approve ? "active" : "rejected" });
}

export function decideLeave(live: MembershipStatus | null): Result<{ status: "left" }, "not_member"> {
  if (live !== "applied" && live !== "active") return fail("not_member");
  return ok({ status: "left" });
}
