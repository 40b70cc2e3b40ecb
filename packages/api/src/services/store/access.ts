import { authorize, fail, ok, type ResourceScope } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import type { Call } from "../call";
import { communityScope } from "../scope";

/** The store desk of a community: staff allowed to operate it there. */
export async function storeDesk(db: Db | Tx, call: Call, communityId: number) {
  const scope: ResourceScope | null = await communityScope(db, communityId);
  if (!scope) return fail("not_found");
  const allowed = authorize(call.actor, "store.operate", scope);
  return allowed.ok ? ok({ scope }) : allowed;
}
