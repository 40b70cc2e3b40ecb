import { fail, ok, type Result } from "./result";

export const UNIT_KINDS = ["community", "grid", "building", "household"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const COMMUNITY_KINDS = ["community", "village"] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];

/** 一级/二级/三级网格: grids nest three levels at most. */
export const GRID_LEVEL_MAX = 3;

/** What the rules need to know about any unit of the structure. */
export type Unit = { id: number; name: string; archivedAt: number | null; version: number };

export type CreateRefusal = "parent_archived" | "name_taken" | "grid_too_deep";

/**
 * A new unit goes under a live parent, with a name not used by a live sibling.
 * Archived siblings keep their names so history stays readable.
 */
export function decideCreate(
  parent: Unit | null,
  siblings: readonly Unit[],
  name: string,
): Result<{ name: string }, CreateRefusal> {
  if (parent?.archivedAt != null) return fail("parent_archived");
  const trimmed = name.trim();
  if (siblings.some((s) => s.archivedAt == null && s.name === trimmed)) return fail("name_taken");
  return ok({ name: trimmed });
}

export function decideCreateGrid(
  parent: (Unit & { level: number }) | null,
  siblings: readonly Unit[],
  name: string,
): Result<{ name: string; level: number }, CreateRefusal> {
  const level = parent ? parent.level + 1 : 1;
  if (level > GRID_LEVEL_MAX) return fail("grid_too_deep");
  const decided = decideCreate(parent, siblings, name);
  return decided.ok ? ok({ name: decided.name, level }) : decided;
}

export type RenameRefusal = "archived" | "stale_version" | "name_taken";

/** Renames carry the version the editor saw: two staff editing at once must not overwrite each other silently. */
export function decideRename(
  unit: Unit,
  siblings: readonly Unit[],
  input: { name: string; version: number },
): Result<{ name: string; version: number }, RenameRefusal> {
  if (unit.archivedAt != null) return fail("archived");
  if (unit.version !== input.version) return fail("stale_version");
  const name = input.name.trim();
  if (siblings.some((s) => s.id !== unit.id && s.archivedAt == null && s.name === name)) return fail("name_taken");
  return ok({ name, version: unit.version + 1 });
}

export type ArchiveRefusal = "archived" | "stale_version" | "has_active_children";

/**
 * Nothing with history is deleted; it is archived. A unit with live units
 * below it stays, so no household is left hanging under an archived grid.
 */
export function decideArchive(
  unit: Unit,
  activeChildCount: number,
  input: { version: number },
  now: number,
): Result<{ archivedAt: number; version: number }, ArchiveRefusal> {
  if (unit.archivedAt != null) return fail("archived");
  if (unit.version !== input.version) return fail("stale_version");
  if (activeChildCount > 0) return fail("has_active_children");
  return ok({ archivedAt: now, version: unit.version + 1 });
}
