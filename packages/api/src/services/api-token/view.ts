import { and, eq, isNull, sql } from "drizzle-orm";
import { tokenStatus, type TokenFacts } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { apiTokens, communities, roleGrants, streets, users } from "../../db/schema";
import { toIso } from "../../time";

/**
 * A token's row with what its status depends on: the issuer's account and whether they still hold the street
 * admin's grant there (a token stops with its issuer), read in the same statement.
 */
const issuerStreetAdmin = sql<number>`exists (select 1 from ${roleGrants} where ${and(
  eq(roleGrants.userId, apiTokens.issuedBy),
  eq(roleGrants.role, "streetAdmin"),
  eq(roleGrants.scopeKind, "street"),
  eq(roleGrants.scopeId, apiTokens.streetId),
  isNull(roleGrants.revokedAt),
)})`;

const TOKEN_COLUMNS = {
  id: apiTokens.id,
  name: apiTokens.name,
  streetId: apiTokens.streetId,
  communityId: apiTokens.communityId,
  access: apiTokens.access,
  prefix: apiTokens.prefix,
  issuedBy: apiTokens.issuedBy,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
  lastUsedAt: apiTokens.lastUsedAt,
  issuerName: users.name,
  issuerDisabledAt: users.disabledAt,
  issuerStreetAdmin,
};

/** Tokens with their issuer; the caller adds the condition (one token by id or hash, or a street's page). */
export const selectTokens = (db: Db | Tx) =>
  db.select(TOKEN_COLUMNS).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.issuedBy));

/** Tokens with their issuer and the name of what they reach (the community, or the whole street). */
export const selectTokenViews = (db: Db | Tx) =>
  db
    .select({ ...TOKEN_COLUMNS, communityName: communities.name, streetName: streets.name })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.issuedBy))
    .innerJoin(streets, eq(streets.id, apiTokens.streetId))
    .leftJoin(communities, eq(communities.id, apiTokens.communityId));

export type TokenRow = Awaited<ReturnType<typeof selectTokens>>[number];
type TokenViewRow = Awaited<ReturnType<typeof selectTokenViews>>[number];

/** What core decides a token's fate from. */
export const factsOf = (row: TokenRow): TokenFacts => ({
  streetId: row.streetId,
  communityId: row.communityId,
  access: row.access,
  issuedBy: row.issuedBy,
  expiresAt: row.expiresAt,
  revokedAt: row.revokedAt,
  issuerDisabled: row.issuerDisabledAt !== null,
  issuerStreetAdmin: Number(row.issuerStreetAdmin) === 1,
});

/** A token as the street admin's list shows it: never its secret (only its hash is kept), its prefix to tell it apart. */
export function tokenView(row: TokenViewRow, nowMs: number) {
  return {
    id: row.id,
    name: row.name,
    scope: row.communityId === null ? ("street" as const) : ("community" as const),
    communityId: row.communityId,
    scopeName: row.communityName ?? row.streetName,
    access: row.access,
    prefix: row.prefix,
    status: tokenStatus(factsOf(row), nowMs),
    createdAt: toIso(row.createdAt),
    expiresAt: toIso(row.expiresAt),
    revokedAt: toIso(row.revokedAt),
    lastUsedAt: toIso(row.lastUsedAt),
    issuerName: row.issuerName,
  };
}
