import type { Actor } from "@tongxin/core";
import type { Deps, Log } from "../deps";

/** `mustChangePassword`: the session is limited to changing the one-time password (see http/password-change.ts). */
type SessionUser = { id: number; name: string; phone: string; communityId: number | null; mustChangePassword: boolean };

export type AppEnv = {
  Variables: {
    deps: Deps;
    log: Log;
    requestId: string;
    actor: Actor | null;
    user: SessionUser | null;
    sessionToken: string | null;
  };
};
