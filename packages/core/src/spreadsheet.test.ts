import { describe, expect, it } from "vitest";
import { neutraliseCell } from "./spreadsheet";

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
