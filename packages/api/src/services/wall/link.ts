import { createHash, randomBytes } from "node:crypto";
import { must, ok, type Actor } from "@tongxin/core";
import type { Db } from "../../db/client";
import { authorizePlace } from "../dashboard/place";
import { communityScope, streetScope } from "../scope";

export type WallKind = "street" | "community";

/** 256 random bits: no one guesses a wall's address. */
const TOKEN_BYTES = 32;
/** What a token looks like in the URL (base64url of TOKEN_BYTES); anything else is no wall. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newWallToken = (): string => randomBytes(TOKEN_BYTES).toString("base64url");
export const isWallToken = (token: string): boolean => TOKEN_PATTERN.test(token);
/** Only the SHA-256 of a token is stored: a leaked table opens no wall. */
export const wallTokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");

/** The place's scope when the actor may read its dashboard (the dashboard's own check); else the refusal. */
export async function authorizeWall(db: Db, actor: Actor | null, kind: WallKind, id: number) {
  const allowed = await authorizePlace(db, actor, kind, id);
  if (!allowed.ok) return allowed;
  const scope = must(kind === "street" ? await streetScope(db, id) : await communityScope(db, id), "the place's scope");
  return ok({ place: allowed.place, scope });
}
