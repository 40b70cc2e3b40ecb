import type { Actor } from "@tongxin/core";
import type { Deps } from "../deps";

/** What every service verb gets: the app's dependencies, who is acting, and the request for the audit trail. */
export type Call = { deps: Deps; actor: Actor | null; requestId: string };
