import { describe, expect, it } from "vitest";
import { csvField, neutraliseCell, xlsxCell } from "./spreadsheet";

describe("CSV cells that a spreadsheet would run", () => {
  it.each([
    { text: '=HYPERLINK("http://x","y")', cell: `'=HYPERLINK("http://x","y")` },
    { text: "+1", cell: "'+1" },
    { text: "-1+2", cell: "'-1+2" },
    { text: "@SUM(A1)", cell: "'@SUM(A1)" },
    { text: "\t=1+1", cell: "'\t=1+1" },
    { text: "\r=1+1", cell: "'\r=1+1" },
    { text: "谢谢=HYPERLINK", cell: "谢谢=HYPERLINK" },
    { text: "a+b", cell: "a+b" },
    { text: "", cell: "" },
    { text: "'已转义", cell: "'已转义" },
  ])("$text → $cell", ({ text, cell }) => {
    expect(neutraliseCell(text)).toBe(cell);
  });
});

describe("CSV fields of a book", () => {
  it.each([
    { cell: null, type: "text" as const, field: "" },
    { cell: 12.5, type: "number" as const, field: "12.5" },
    { cell: 'say "hi", then', type: "text" as const, field: '"say ""hi"", then"' },
    { cell: "two\nlines", type: "text" as const, field: '"two\nlines"' },
    { cell: "=1+1", type: "text" as const, field: "'=1+1" },
    { cell: "2026-12-01T08:30:05.000+08:00", type: "datetime" as const, field: "2026-12-01 08:30:05" },
    { cell: "2026-12-01T08:30:05.000+08:00", type: "date" as const, field: "2026-12-01" },
  ])("$cell ($type) → $field", ({ cell, type, field }) => {
    expect(csvField(cell, type)).toBe(field);
  });
});

describe("XLSX cells of a book", () => {
  it("keep numbers and text as they are and turn times into dates showing the Shanghai wall clock", () => {
    expect(xlsxCell(3, "number")).toBe(3);
    expect(xlsxCell("=1+1", "text")).toBe("=1+1");
    expect(xlsxCell(null, "datetime")).toBeNull();
    expect(xlsxCell("2026-12-01T00:30:00.000+08:00", "datetime")).toEqual(new Date("2026-12-01T00:30:00Z"));
  });
});
