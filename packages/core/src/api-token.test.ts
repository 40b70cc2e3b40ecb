import { describe, expect, it } from "vitest";
import {
  API_TOKEN_DAYS_MAX,
  API_TOKEN_RATE_POLICY,
  tokenActor,
  tokenExpiresAt,
  tokenMayCall,
  tokenStatus,
  type TokenFacts,
} from "./api-token";
import { authorize, type Action, type ResourceScope } from "./authz";

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;
const token: TokenFacts = {
  streetId: 1,
  communityId: null,
  access: "read_write",
  issuedBy: 42,
  expiresAt: NOW + DAY,
  revokedAt: null,
  issuerDisabled: false,
  issuerStreetAdmin: true,
};

describe("whether a token still works", () => {
  it.each([
    { case: "live", change: {}, result: "ok" },
    { case: "expiring this very millisecond", change: { expiresAt: NOW }, result: "token_expired" },
    { case: "expired yesterday", change: { expiresAt: NOW - DAY }, result: "token_expired" },
    { case: "revoked", change: { revokedAt: NOW - 1 }, result: "token_revoked" },
    { case: "revoked and expired", change: { revokedAt: NOW - DAY, expiresAt: NOW - 1 }, result: "token_revoked" },
    { case: "its issuer disabled", change: { issuerDisabled: true }, result: "token_revoked" },
    { case: "its issuer no longer the street's admin", change: { issuerStreetAdmin: false }, result: "token_revoked" },
  ])("$case → $result", ({ change, result }) => {
    const acting = tokenActor({ ...token, ...change }, NOW);
    expect(acting.ok ? "ok" : acting.reason).toBe(result);
  });

  it.each([
    { change: {}, status: "active" },
    { change: { expiresAt: NOW }, status: "expired" },
    { change: { revokedAt: NOW - 1 }, status: "revoked" },
    { change: { issuerDisabled: true, expiresAt: NOW - 1 }, status: "revoked" },
  ])("a list shows $status for $change", ({ change, status }) => {
    expect(tokenStatus({ ...token, ...change }, NOW)).toBe(status);
  });

  it("expires the chosen number of whole days after it was issued", () => {
    expect(tokenExpiresAt(NOW, 90)).toBe(NOW + 90 * DAY);
    expect(API_TOKEN_DAYS_MAX).toBe(366);
    expect(API_TOKEN_RATE_POLICY).toEqual({ limit: 300, windowMs: 60_000 });
  });
});

describe("who a token acts as", () => {
  it.each([
    { scope: "the whole street", communityId: null, grant: { role: "streetAdmin", scopeKind: "street", scopeId: 1 } },
    { scope: "one community", communityId: 10, grant: { role: "communityStaff", scopeKind: "community", scopeId: 10 } },
  ])(
    "a token for $scope acts as its issuer, marked as a token, with exactly one grant: $grant.role",
    ({ communityId, grant }) => {
      expect(tokenActor({ ...token, communityId }, NOW)).toEqual({
        ok: true,
        actor: { userId: 42, grants: [grant], viaToken: true },
      });
    },
  );

  // The token's grant goes through the one authorize(): a community token is that community's staff, nothing more.
  const community: ResourceScope = { streetId: 1, communityId: 10 };
  const otherCommunity: ResourceScope = { streetId: 1, communityId: 20 };
  it.each([
    { communityId: 10, action: "request.manage", scope: community, allowed: true },
    { communityId: 10, action: "request.manage", scope: otherCommunity, allowed: false },
    { communityId: 10, action: "points.issue", scope: community, allowed: false },
    { communityId: 10, action: "token.manage", scope: { streetId: 1 }, allowed: false },
    { communityId: null, action: "request.manage", scope: otherCommunity, allowed: true },
    { communityId: null, action: "points.issue", scope: community, allowed: true },
    { communityId: null, action: "request.manage", scope: { streetId: 2, communityId: 30 }, allowed: false },
  ] as { communityId: number | null; action: Action; scope: ResourceScope; allowed: boolean }[])(
    "token of community $communityId may take $action in $scope: $allowed",
    ({ communityId, action, scope, allowed }) => {
      const acting = tokenActor({ ...token, communityId }, NOW);
      expect(acting.ok && authorize(acting.actor, action, scope).ok).toBe(allowed);
    },
  );
});

describe("what a token may call", () => {
  it.each([
    { access: "read", write: false, result: "ok" },
    { access: "read", write: true, result: "token_read_only" },
    { access: "read_write", write: false, result: "ok" },
    { access: "read_write", write: true, result: "ok" },
  ] as const)("a $access token, write = $write → $result", ({ access, write, result }) => {
    const allowed = tokenMayCall({ access }, { write });
    expect(allowed.ok ? "ok" : allowed.reason).toBe(result);
  });
});
