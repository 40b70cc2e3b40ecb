import type { Actor, Grant } from "./authz";
import type { RatePolicy } from "./rate-limit";
import { fail, ok, type Result } from "./result";

/**
 * API tokens (decision 0020): a street admin issues one to another system (a district or city platform), scoped to
 * the street or one of its communities, read-only or read-write, always expiring. The system then acts as a person of
 * that scope would, and everything it does is attributed to the admin who issued it, like a personal access token.
 */

/** A token's name says which system holds it ("区网格化平台"), short enough for a list's column. */
export const API_TOKEN_NAME_CHARS_MAX = 40;
export const API_TOKEN_ACCESSES = ["read", "read_write"] as const;
export type ApiTokenAccess = (typeof API_TOKEN_ACCESSES)[number];
/** Every token expires, within a year and a day at most: a forgotten one stops by itself. */
export const API_TOKEN_DAYS_MAX = 366;
/** What the issue form offers: a quarter, so the holder renews it while people still remember why it exists. */
export const API_TOKEN_DAYS_DEFAULT = 90;
/** Per token: a system syncing every few seconds fits, a runaway loop does not crowd out the people using the app. */
export const API_TOKEN_RATE_POLICY = { limit: 300, windowMs: 60_000 } as const satisfies RatePolicy;

const DAY_MS = 86_400_000;

/** When a token issued now for so many days stops working (validated to 1…API_TOKEN_DAYS_MAX at the edge). */
export const tokenExpiresAt = (issuedAtMs: number, days: number): number => issuedAtMs + days * DAY_MS;

/**
 * What a request's token is, with its issuer as they stand now: a token is only as good as the admin behind it, so
 * it stops when they are disabled or no longer admin of that street.
 */
export type TokenFacts = {
  streetId: number;
  /** null: the whole street. */
  communityId: number | null;
  access: ApiTokenAccess;
  issuedBy: number;
  expiresAt: number;
  revokedAt: number | null;
  issuerDisabled: boolean;
  issuerStreetAdmin: boolean;
};

export type TokenRefusal = "token_expired" | "token_revoked";
export type TokenStatus = "active" | "expired" | "revoked";

/**
 * The one grant a token carries: a community token acts as that community's staff, a street token as the street's
 * admin, so every existing authorisation rule applies to it unchanged.
 */
export function tokenGrant(token: Pick<TokenFacts, "streetId" | "communityId">): Grant {
  return token.communityId === null
    ? { role: "streetAdmin", scopeKind: "street", scopeId: token.streetId }
    : { role: "communityStaff", scopeKind: "community", scopeId: token.communityId };
}

/** Active, expired or revoked (a stopped issuer counts as revoked: the holder is told no more than that). */
export function tokenStatus(token: TokenFacts, nowMs: number): TokenStatus {
  if (token.revokedAt !== null || token.issuerDisabled || !token.issuerStreetAdmin) return "revoked";
  return nowMs >= token.expiresAt ? "expired" : "active";
}

/** Who a request with this token acts as: the issuer, with the token's one grant instead of their own. */
export function tokenActor(token: TokenFacts, nowMs: number): Result<{ actor: Actor }, TokenRefusal> {
  switch (tokenStatus(token, nowMs)) {
    case "revoked":
      return fail("token_revoked");
    case "expired":
      return fail("token_expired");
    case "active":
      return ok({ actor: { userId: token.issuedBy, grants: [tokenGrant(token)], viaToken: true } });
  }
}

/** A read token reads only: any write (an unsafe method) is refused whatever its scope would allow. */
export function tokenMayCall(
  token: Pick<TokenFacts, "access">,
  call: { write: boolean },
): Result<object, "token_read_only"> {
  return call.write && token.access === "read" ? fail("token_read_only") : ok({});
}
