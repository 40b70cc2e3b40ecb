import { describe, expect, it } from "vitest";
import { decideArchive, decideCreate, decideCreateGrid, decideRename, type Unit } from "./structure";

const unit = (over: Partial<Unit> = {}): Unit => ({ id: 1, name: "一网格", archivedAt: null, version: 1, ...over });

describe("structure rules", () => {
  it("a top-level grid is level 1 and a grid under a level-2 grid is level 3", () => {
    expect(decideCreateGrid(null, [], "第一网格")).toEqual({ ok: true, name: "第一网格", level: 1 });
    expect(decideCreateGrid({ ...unit(), level: 2 }, [], "A")).toEqual({ ok: true, name: "A", level: 3 });
  });

  it("refuses a fourth grid level", () => {
    expect(decideCreateGrid({ ...unit(), level: 3 }, [], "A")).toEqual({ ok: false, reason: "grid_too_deep" });
  });

  it.each([
    { case: "under an archived parent", parent: unit({ archivedAt: 5 }), siblings: [], reason: "parent_archived" },
    { case: "with a live sibling's name", parent: null, siblings: [unit({ name: "3栋" })], reason: "name_taken" },
  ])("refuses to create a unit $case", ({ parent, siblings, reason }) => {
    expect(decideCreate(parent, siblings, " 3栋 ")).toEqual({ ok: false, reason });
  });

  it("reuses the name of an archived sibling and trims the name", () => {
    expect(decideCreate(null, [unit({ name: "3栋", archivedAt: 9 })], " 3栋 ")).toEqual({ ok: true, name: "3栋" });
  });

  it.each([
    { case: "an archived unit", u: unit({ archivedAt: 3 }), version: 1, reason: "archived" },
    { case: "a stale version", u: unit({ version: 2 }), version: 1, reason: "stale_version" },
  ])("refuses to rename $case", ({ u, version, reason }) => {
    expect(decideRename(u, [], { name: "新名", version })).toEqual({ ok: false, reason });
  });

  it("renaming bumps the version and refuses a live sibling's name", () => {
    expect(decideRename(unit(), [unit()], { name: "新名", version: 1 })).toEqual({
      ok: true,
      name: "新名",
      version: 2,
    });
    expect(decideRename(unit(), [unit({ id: 2, name: "新名" })], { name: "新名", version: 1 })).toEqual({
      ok: false,
      reason: "name_taken",
    });
  });

  it.each([
    { case: "already archived", u: unit({ archivedAt: 1 }), children: 0, reason: "archived" },
    { case: "stale", u: unit({ version: 3 }), children: 0, reason: "stale_version" },
    { case: "with live children", u: unit(), children: 2, reason: "has_active_children" },
  ])("refuses to archive a unit $case", ({ u, children, reason }) => {
    expect(decideArchive(u, children, { version: 1 }, 100)).toEqual({ ok: false, reason });
  });

  it("archives an empty unit at the given time", () => {
    expect(decideArchive(unit(), 0, { version: 1 }, 100)).toEqual({ ok: true, archivedAt: 100, version: 2 });
  });
});
