import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLE_SCOPE, type Actor, type Role } from "./authz";
import {
  CARE_CATEGORIES_PER_HOUSEHOLD_MAX,
  CARE_COUNT_SHOWN_MIN,
  careCountTable,
  decideCareCategoryName,
  decideCareProfile,
  decideCareRead,
  decideConsent,
  decideConsentWithdrawal,
  parseCareCategory,
  photoAllowed,
  suppressSmall,
  suppressTable,
  visibleToVisitors,
  type CareHousehold,
  type CareProfileInput,
  type Consent,
} from "./care";

describe("care categories", () => {
  it.each([
    ["livingAlone", [], "livingAlone"],
    ["seriousIllness", [], "seriousIllness"],
    ["custom:3", [3, 4], "custom:3"],
    ["custom:5", [3, 4], null],
    ["custom:03", [3], null],
    ["custom:", [], null],
    ["custom:3 ", [3], null],
    ["lonely", [], null],
  ] as [string, number[], string | null][])("%s with the community's own %j names %s", (key, own, expected) => {
    expect(parseCareCategory(key, own)).toBe(expected);
  });
});

describe("a community's own category", () => {
  it.each([
    [" 退役军人 ", { ok: true, name: "退役军人" }],
    ["独居老人", { ok: false, reason: "name_taken" }],
    ["", { ok: false, reason: "invalid_name" }],
    ["军\u200B属", { ok: false, reason: "invalid_name" }],
    ["长".repeat(21), { ok: false, reason: "invalid_name" }],
    ["长".repeat(20), { ok: true, name: "长".repeat(20) }],
  ])("named %j", (name, expected) => {
    expect(decideCareCategoryName(name, ["独居老人", "空巢老人"])).toEqual(expected);
  });
});

const profile: CareProfileInput = {
  categories: ["livingAlone"],
  level: "weekly",
  needs: "腿脚不便",
  emergencyContact: { name: "王小明", relation: "儿子", phone: "13812345678" },
};

describe("a care profile", () => {
  it.each([
    ["one built-in category", {}, { ok: true, categories: ["livingAlone"] }],
    [
      "a repeated category, counted once",
      { categories: ["emptyNest", "emptyNest"] },
      { ok: true, categories: ["emptyNest"] },
    ],
    [
      "the community's own category",
      { categories: ["custom:9", "disability"] },
      { ok: true, categories: ["custom:9", "disability"] },
    ],
    ["no category", { categories: [] }, "categories_required"],
    ["another community's category", { categories: ["custom:10"] }, "unknown_care_category"],
    [
      "more categories than a household may have",
      { categories: ["livingAlone", "emptyNest", "disability", "seriousIllness", "hardshipFamily", "custom:9"] },
      "too_many_categories",
    ],
    ["no emergency contact", { emergencyContact: null }, { ok: true, categories: ["livingAlone"] }],
    [
      "a contact with a landline",
      { emergencyContact: { name: "王小明", relation: "儿子", phone: "02112345678" } },
      "invalid_emergency_contact",
    ],
    [
      "a contact without a name",
      { emergencyContact: { name: " ", relation: "儿子", phone: "13812345678" } },
      "invalid_emergency_contact",
    ],
    [
      "a contact without a relation",
      { emergencyContact: { name: "王小明", relation: "", phone: "13812345678" } },
      "invalid_emergency_contact",
    ],
  ] as [string, Partial<CareProfileInput>, object | string][])("%s", (_, over, expected) => {
    const decided = decideCareProfile({ ...profile, ...over }, [9]);
    expect(decided).toEqual(typeof expected === "string" ? { ok: false, reason: expected } : expected);
  });

  it("takes as many categories as the limit allows", () => {
    const categories = ["livingAlone", "emptyNest", "disability", "seriousIllness", "hardshipFamily"];
    expect(categories).toHaveLength(CARE_CATEGORIES_PER_HOUSEHOLD_MAX);
    expect(decideCareProfile({ ...profile, categories }, []).ok).toBe(true);
  });
});

const given: Consent = { givenBy: "family", givenByName: "王小明", givenAt: 1_000, photos: false, withdrawnAt: null };

describe("consent", () => {
  it("is recorded as given now, by whom, with or without photos", () => {
    expect(decideConsent({ givenBy: "guardian", givenByName: " 李梅 ", photos: true }, 5_000)).toEqual({
      ok: true,
      consent: { givenBy: "guardian", givenByName: "李梅", givenAt: 5_000, photos: true, withdrawnAt: null },
    });
  });

  it("needs the name of who gave it", () => {
    expect(decideConsent({ givenBy: "self", givenByName: "  ", photos: false }, 5_000)).toEqual({
      ok: false,
      reason: "invalid_name",
    });
  });

  it.each([
    ["standing consent", given, { ok: true, consent: { ...given, withdrawnAt: 9_000 } }],
    ["consent already withdrawn", { ...given, withdrawnAt: 2_000 }, { ok: false, reason: "already_withdrawn" }],
    ["no consent at all", null, { ok: false, reason: "already_withdrawn" }],
  ] as [string, Consent | null, object][])("withdrawing %s", (_, consent, expected) => {
    expect(decideConsentWithdrawal(consent, 9_000)).toEqual(expected);
  });

  it.each([
    ["no consent", null, false, false],
    ["consent without photos", given, true, false],
    ["consent with photos", { ...given, photos: true }, true, true],
    ["withdrawn consent that had photos", { ...given, photos: true, withdrawnAt: 2_000 }, false, false],
  ] as [string, Consent | null, boolean, boolean][])(
    "with %s: visible to visitors %s, photos %s",
    (_, consent, visible, photos) => {
      expect(visibleToVisitors({ consent })).toBe(visible);
      expect(photoAllowed({ consent })).toBe(photos);
    },
  );
});

// Street 1: community 10 with grid 100 and its child grid 101 (the household's), grid 102 beside it; community 20.
const household: CareHousehold = { streetId: 1, communityId: 10, gridIds: [101, 100] };
const scopeIds: Record<string, number> = {
  resident: 10,
  volunteer: 10,
  teamLeader: 7,
  gridWorker: 101,
  parentGridWorker: 100,
  otherGridWorker: 102,
  communityStaff: 10,
  otherCommunityStaff: 20,
  committeeMember: 10,
  streetAdmin: 1,
};
const actor = (userId: number, role: Role, scope = role as string): Actor => ({
  userId,
  grants: [{ role, scopeKind: ROLE_SCOPE[role], scopeId: scopeIds[scope] ?? 0 }],
});

describe("who reads a care profile", () => {
  const paired = [7];
  it.each([
    ["the grid's worker", actor(1, "gridWorker"), given, { ok: true, reader: "gridWorker" }],
    [
      "the worker of the grid above",
      actor(1, "gridWorker", "parentGridWorker"),
      given,
      { ok: true, reader: "gridWorker" },
    ],
    ["the community's staff", actor(1, "communityStaff"), given, { ok: true, reader: "communityStaff" }],
    [
      "the grid's worker after consent was withdrawn",
      actor(1, "gridWorker"),
      { ...given, withdrawnAt: 2 },
      { ok: true, reader: "gridWorker" },
    ],
    ["a paired visitor", actor(7, "volunteer"), given, { ok: true, reader: "visitor" }],
    ["a paired visitor once consent was withdrawn", actor(7, "volunteer"), { ...given, withdrawnAt: 2 }, "forbidden"],
    ["a paired visitor before any consent", actor(7, "volunteer"), null, "forbidden"],
    ["a volunteer not paired", actor(8, "volunteer"), given, "forbidden"],
    ["a resident", actor(8, "resident"), given, "forbidden"],
    ["a team leader", actor(8, "teamLeader"), given, "forbidden"],
    ["a committee member", actor(8, "committeeMember"), given, "forbidden"],
    ["another grid's worker", actor(8, "gridWorker", "otherGridWorker"), given, "forbidden"],
    ["another community's staff", actor(8, "communityStaff", "otherCommunityStaff"), given, "forbidden"],
    ["the street's admin (counts only)", actor(8, "streetAdmin"), given, "forbidden"],
    ["nobody signed in", null, given, "unauthenticated"],
    ["the community's token", { ...actor(1, "communityStaff"), viaToken: true }, given, "token_not_allowed"],
    [
      "a token whose issuer is a paired visitor",
      { ...actor(7, "volunteer"), viaToken: true },
      given,
      "token_not_allowed",
    ],
  ] as [string, Actor | null, Consent | null, object | string][])("%s", (_, who, consent, expected) => {
    const decided = decideCareRead(who, household, paired, consent);
    expect(decided).toEqual(typeof expected === "string" ? { ok: false, reason: expected } : expected);
  });

  it("a visitor who is also the grid's worker reads as the worker, consent or not", () => {
    const both: Actor = { userId: 7, grants: actor(7, "gridWorker").grants };
    expect(decideCareRead(both, household, [7], null)).toEqual({ ok: true, reader: "gridWorker" });
  });
});

describe("small counts", () => {
  it.each([
    [0, null],
    [1, null],
    [CARE_COUNT_SHOWN_MIN - 1, null],
    [CARE_COUNT_SHOWN_MIN, CARE_COUNT_SHOWN_MIN],
    [42, 42],
  ])("a count of %i is shown as %s", (count, shown) => {
    expect(suppressSmall(count)).toBe(shown);
  });

  it("a table of large counts is shown whole", () => {
    expect(
      suppressTable([
        [5, 6],
        [7, 8],
      ]),
    ).toEqual({
      cells: [
        [5, 6],
        [7, 8],
      ],
      rowTotals: [11, 15],
      columnTotals: [12, 14],
      total: 26,
    });
  });

  it("one small cell in a row hides the row's next smallest too, and the same in its column", () => {
    // Row 0 = [3, 9, 6]: 3 hidden, so 6 is hidden too; column 0 = [3, 8], so 8 goes as well, and then row 1's next smallest (10).
    const shown = suppressTable([
      [3, 9, 6],
      [8, 12, 10],
    ]);
    expect(shown.cells).toEqual([
      [null, 9, null],
      [null, 12, null],
    ]);
    expect(shown.rowTotals).toEqual([18, 30]);
    expect(shown.columnTotals).toEqual([11, 21, 16]);
    expect(shown.total).toBe(48);
  });

  it("a small cell alone in its row hides the row's total", () => {
    const shown = suppressTable([[3], [9]]);
    expect(shown.cells).toEqual([[null], [null]]);
    expect(shown.rowTotals).toEqual([null, null]);
    expect(shown.columnTotals).toEqual([12]);
  });

  it("a small row total is hidden with every cell in it", () => {
    const shown = suppressTable([
      [1, 2],
      [20, 30],
      [25, 35],
    ]);
    expect(shown.cells[0]).toEqual([null, null]);
    expect(shown.rowTotals[0]).toBeNull();
    // Column totals shown with two hidden cells in each column: neither can be worked out alone.
    expect(shown.cells.flat().filter((c) => c === null).length).toBeGreaterThanOrEqual(4);
  });

  it("no hidden count can be worked out from a shown total and the shown rest of its row or column", () => {
    const table = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).chain(([rows, columns]) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      }),
    );
    fc.assert(
      fc.property(table, (counts) => {
        const shown = suppressTable(counts);
        const lines = [
          ...shown.cells.map((row, r) => ({ members: row, total: shown.rowTotals[r] })),
          ...(counts[0] ?? []).map((_, c) => ({
            members: shown.cells.map((row) => row[c]),
            total: shown.columnTotals[c],
          })),
          { members: shown.rowTotals, total: shown.total },
          { members: shown.columnTotals, total: shown.total },
        ];
        for (const line of lines)
          if (line.total !== null) expect(line.members.filter((m) => m === null).length).not.toBe(1);
        counts.forEach((row, r) =>
          row.forEach((n, c) => {
            const cell = shown.cells[r]?.[c];
            if (n < CARE_COUNT_SHOWN_MIN) expect(cell).toBeNull();
            if (cell !== null) expect(cell).toBe(n);
          }),
        );
      }),
    );
  });
});

describe("the dashboard's care table", () => {
  it("counts households per grid and category, 0 where none, and suppresses what is small", () => {
    const cells = [
      { gridId: 1, category: "livingAlone" as const, n: 6 },
      { gridId: 1, category: "disability" as const, n: 7 },
      { gridId: 2, category: "livingAlone" as const, n: 2 },
      { gridId: 2, category: "disability" as const, n: 9 },
      { gridId: 3, category: "livingAlone" as const, n: 8 },
    ];
    const table = careCountTable(cells, [1, 2, 3], ["livingAlone", "disability"]);
    // Grid 2's 2 takes its 9 with it; grid 3 has no one with a disability, a 0, small too, and takes its 8 with it.
    expect(table.cells).toEqual([
      [6, 7],
      [null, null],
      [null, null],
    ]);
    expect(table.rowTotals).toEqual([13, 11, 8]);
    expect(table.columnTotals).toEqual([16, 16]);
    expect(table.total).toBe(32);
  });
});
