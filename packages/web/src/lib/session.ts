import { createResource } from "solid-js";
import type { Role } from "@tongxin/core";
import { ApiError, api, type Me } from "./api";
import { must } from "@tongxin/core";

/** The signed-in user, or null. Refetched after sign-in, sign-out and registration. */
const [me, { refetch: refreshMe, mutate }] = createResource<Me | null>(async () => {
  try {
    return await api.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
});

export { me, refreshMe };

/** Whether the database still waits for its street and first admin (SEED=none); set once setup succeeds, so setup never shows again. */
const [setupState, { mutate: setSetupState }] = createResource(api.setupNeeded);

/** undefined until the server has answered. */
export const setupNeeded = (): boolean | undefined => (setupState.state === "ready" ? setupState().needed : undefined);
export const setupDone = () => setSetupState({ needed: false });

/** Signed in with a one-time password: only the change-password page until the person sets their own. */
export const mustChangePassword = (): boolean => me.state === "ready" && (me()?.user.mustChangePassword ?? false);

export const clearMe = () => mutate(null);

export const hasRole = (...roles: Role[]): boolean => me()?.roles.some((r) => roles.includes(r.role)) ?? false;

/** Communities where the user holds one of the roles (a street admin's are all of them; see structure pages). */
export const communitiesWith = (...roles: Role[]): number[] =>
  Array.from(
    new Set(
      (me()?.roles ?? [])
        .filter((r) => roles.includes(r.role) && r.communityId !== null)
        .map((r) => must(r.communityId)),
    ),
  );

export const streetIds = (): number[] =>
  (me()?.roles ?? []).filter((r) => r.role === "streetAdmin").map((r) => r.scopeId);

/**
 * Whether the user may act in the community under core's scope rule, as far as
 * the page knows: home, a team led or served there, or the street admin anywhere.
 * Pages offer an act only where this holds; the API decides in full.
 */
export const actsIn = (communityId: number): boolean =>
  hasRole("streetAdmin") ||
  me()?.user.communityId === communityId ||
  communitiesWith("volunteer", "teamLeader").includes(communityId);
