import { hc } from "hono/client";
import type { AppType } from "@tongxin/api";
import type { Role } from "@tongxin/core";

/** Every call the web app makes, typed by the API's own routes. */
const client = hc<AppType>("/api");

export type FieldIssue = { path: string; code: string; message: string };

/** A refusal from the API in its one error shape; the UI translates `reason` or `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string | undefined,
    readonly issues: FieldIssue[],
  ) {
    super(reason ?? code);
  }
}

type Res<T> = { ok: boolean; status: number; json(): Promise<T> };

async function ask<T>(request: Promise<Res<T>>): Promise<T> {
  let res: Res<T>;
  try {
    res = await request;
  } catch {
    throw new ApiError(0, "network", undefined, []);
  }
  if (res.ok) return res.json();
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; reason?: string; issues?: FieldIssue[] } };
  throw new ApiError(res.status, body.error?.code ?? "internal", body.error?.reason, body.error?.issues ?? []);
}

type Page<T> = { items: T[]; nextCursor: string | null };

/** Walks every page of a list (structure lists are small: tens to hundreds). */
async function all<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const id = (n: number) => ({ id: String(n) });
const archived = (includeArchived: boolean) => (includeArchived ? { includeArchived: "1" as const } : {});

export type UnitKind = "community" | "grid" | "building" | "household";
const unitPath = { community: client.communities, grid: client.grids, building: client.buildings, household: client.households } as const;

export const api = {
  me: () => ask(client.me.$get()),
  login: (json: { phone: string; password: string }) => ask(client.auth.login.$post({ json })),
  logout: () => ask(client.auth.logout.$post()),
  register: (json: { phone: string; password: string; name: string; communityId: number; buildingId?: number }) => ask(client.auth.register.$post({ json })),
  changePassword: (json: { currentPassword: string; newPassword: string }) => ask(client.auth.password.$post({ json })),
  setupNeeded: () => ask(client.setup.$get()),
  setup: (json: { streetName: string; name: string; phone: string; password: string }) => ask(client.setup.$post({ json })),

  communities: () => all((cursor) => ask(client.communities.$get({ query: { cursor, limit: "100" } }))),
  grids: (communityId: number, includeArchived = false) =>
    all((cursor) => ask(client.communities[":id"].grids.$get({ param: id(communityId), query: { cursor, limit: "100", ...archived(includeArchived) } }))),
  buildings: (communityId: number, includeArchived = false) =>
    all((cursor) => ask(client.communities[":id"].buildings.$get({ param: id(communityId), query: { cursor, limit: "100", ...archived(includeArchived) } }))),
  households: (buildingId: number, includeArchived = false) =>
    all((cursor) => ask(client.buildings[":id"].households.$get({ param: id(buildingId), query: { cursor, limit: "100", ...archived(includeArchived) } }))),
  teams: (communityId: number) => all((cursor) => ask(client.communities[":id"].teams.$get({ param: id(communityId), query: { cursor, limit: "100" } }))),
  createCommunity: (json: { streetId: number; name: string; kind: "community" | "village" }) => ask(client.communities.$post({ json })),
  createGrid: (communityId: number, json: { name: string; parentId?: number | null }) => ask(client.communities[":id"].grids.$post({ param: id(communityId), json })),
  createBuilding: (gridId: number, json: { name: string; estate?: string | null }) => ask(client.grids[":id"].buildings.$post({ param: id(gridId), json })),
  createHousehold: (buildingId: number, json: { name: string }) => ask(client.buildings[":id"].households.$post({ param: id(buildingId), json })),
  rename: (kind: UnitKind, unitId: number, json: { name: string; version: number }) => ask(unitPath[kind][":id"].$patch({ param: id(unitId), json })),
  archive: (kind: UnitKind, unitId: number, json: { version: number }) => ask(unitPath[kind][":id"].archive.$post({ param: id(unitId), json })),

  accounts: (query: { communityId: number; gridId?: number; q?: string; cursor?: string }) =>
    ask(
      client.accounts.$get({
        query: { communityId: String(query.communityId), gridId: query.gridId ? String(query.gridId) : undefined, q: query.q || undefined, cursor: query.cursor, limit: "50" },
      }),
    ),
  proxyRegister: (json: { phone: string; name: string; communityId: number; buildingId?: number }) => ask(client.accounts.$post({ json })),
  grantRole: (userId: number, json: { role: Role; scopeId: number }) => ask(client.accounts[":id"].roles.$post({ param: id(userId), json })),
  revokeRole: (userId: number, grantId: number) => ask(client.accounts[":id"].roles[":grantId"].$delete({ param: { id: String(userId), grantId: String(grantId) } })),
  audit: (query: { communityId?: number; streetId?: number; cursor?: string }) =>
    ask(
      client.audit.$get({
        query: query.communityId ? { communityId: String(query.communityId), cursor: query.cursor } : { streetId: String(query.streetId), cursor: query.cursor },
      }),
    ),
};

export type Me = Awaited<ReturnType<typeof api.me>>;
export type Grid = Awaited<ReturnType<typeof api.grids>>[number];
export type Building = Awaited<ReturnType<typeof api.buildings>>[number];
export type Account = Awaited<ReturnType<typeof api.accounts>>["items"][number];
