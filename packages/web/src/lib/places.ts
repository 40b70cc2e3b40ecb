import { api, type DashboardKind, type Grid, type Me } from "./api";

/** A dashboard's place as its address names it: /dashboard/street/1, /dashboard/community/2, /dashboard/grid/7. */
export type Place = { kind: DashboardKind; id: number };

const KINDS: readonly DashboardKind[] = ["street", "community", "grid"];

/** The place of an address's parameters, or null when the kind or the id is not one. */
export function placeOf(kind: string, id: string): Place | null {
  const n = Number(id);
  return KINDS.includes(kind as DashboardKind) && Number.isSafeInteger(n) && n > 0
    ? { kind: kind as DashboardKind, id: n }
    : null;
}

/** The dashboard of the user's own scope: street admin → street, community staff and committee → community, grid worker → grid. */
export function ownPlace(user: Me | null | undefined): Place | null {
  const roles = user?.roles ?? [];
  const street = roles.find((r) => r.role === "streetAdmin");
  if (street) return { kind: "street", id: street.scopeId };
  const community = roles.find((r) => (r.role === "communityStaff" || r.role === "committeeMember") && r.communityId);
  if (community?.communityId) return { kind: "community", id: community.communityId };
  const grid = roles.find((r) => r.role === "gridWorker");
  return grid ? { kind: "grid", id: grid.scopeId } : null;
}

export const dashboardPath = (place: Place) => `/dashboard/${place.kind}/${place.id}`;
export const wallPath = (place: Place) => `/wall/${place.kind}/${place.id}`;

/** Names of the places a dashboard mentions: its own, and the communities or grids its figures are split by. */
export type PlaceNames = {
  title: string;
  community: Map<string, string>;
  grid: Map<string, string>;
  /** The places one level down, each a link to its own dashboard. */
  children: { href: string; name: string }[];
};

/** Each grid by its path, "第一网格 · 1号微网格": sub-grids of different grids share names. */
function gridNames(grids: Grid[]): Map<string, string> {
  const byId = new Map(grids.map((g) => [g.id, g]));
  const pathOf = (g: Grid): string => {
    const parent = g.parentId === null ? undefined : byId.get(g.parentId);
    return parent ? `${pathOf(parent)} · ${g.name}` : g.name;
  };
  return new Map(grids.map((g) => [String(g.id), pathOf(g)]));
}

/**
 * Reads the names from the public structure lists. A grid's community comes from the address (`?community=`,
 * set by the community dashboard's links) or the user's grid role; without it the grids show by number.
 */
export async function placeNames(
  place: Place,
  user: Me | null | undefined,
  communityHint?: number,
): Promise<PlaceNames> {
  const communities = await api.communities();
  const community = new Map(communities.map((c) => [String(c.id), c.name]));
  const streetRole = user?.roles.find((r) => r.role === "streetAdmin" && r.scopeId === place.id);
  if (place.kind === "street") {
    const own = communities.filter((c) => c.streetId === place.id);
    return {
      title: streetRole?.scopeName ?? "",
      community,
      grid: new Map(),
      children: own.map((c) => ({ href: dashboardPath({ kind: "community", id: c.id }), name: c.name })),
    };
  }
  const communityId =
    place.kind === "community"
      ? place.id
      : (communityHint ?? user?.roles.find((r) => r.role === "gridWorker" && r.scopeId === place.id)?.communityId);
  const grids = communityId ? await api.grids(communityId) : [];
  const grid = gridNames(grids);
  if (place.kind === "community")
    return {
      title: community.get(String(place.id)) ?? "",
      community,
      grid,
      children: grids.map((g) => ({
        href: `${dashboardPath({ kind: "grid", id: g.id })}?community=${place.id}`,
        name: grid.get(String(g.id)) ?? g.name,
      })),
    };
  return { title: grid.get(String(place.id)) ?? "", community, grid, children: [] };
}

/** A building as people tell it apart: "和平花园 1号楼", since two estates (小区) of a community may both have a 1号楼. */
export const buildingLabel = (b: { estate: string | null; name: string }) =>
  b.estate ? `${b.estate} ${b.name}` : b.name;
