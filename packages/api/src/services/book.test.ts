import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { fail, must, ok, type BookColumn } from "@tongxin/core";
import { openBook } from "./book";

type Row = { id: number; name: string; at: string };
const ROWS: Row[] = Array.from({ length: 2_500 }, (_, i) => ({
  id: i + 1,
  name: `第${i + 1}行`,
  at: "2026-12-01T08:30:00.000+08:00",
}));
const columns: BookColumn<Row>[] = [
  { key: "id", header: { zh: "编号", en: "No." }, type: "number", width: 8, value: (r) => r.id },
  { key: "name", header: { zh: "名称", en: "Name" }, type: "text", width: 20, value: (r) => r.name },
  { key: "at", header: { zh: "时间", en: "Time" }, type: "datetime", width: 20, value: (r) => r.at },
];
const spec = { title: { zh: "测试", en: "Test" }, columns };

/** A list of ROWS paged by an id cursor, as the list verbs page; it counts the pages it served. */
function pagedList(pageRows: number, refuseAfter = Number.POSITIVE_INFINITY) {
  const served = { pages: 0 };
  const list = async (cursor: string | undefined) => {
    const after = cursor ? Number(cursor) : 0;
    if (after >= refuseAfter) return fail("bad_cursor");
    served.pages++;
    const items = ROWS.filter((r) => r.id > after).slice(0, pageRows);
    const last = items[items.length - 1];
    return ok({ items, nextCursor: last && last.id < ROWS.length ? String(last.id) : null });
  };
  return { list, served };
}

const bytesOf = (body: ReadableStream<Uint8Array>) => new Response(body).arrayBuffer();

async function opened(list: Parameters<typeof openBook<Row, "bad_cursor">>[1], format: "xlsx" | "csv") {
  const file = await openBook(spec, list, { format, language: "en" }, Date.UTC(2026, 11, 1, 20));
  if (!file.ok) throw new Error(file.reason);
  return file;
}

describe("a book streamed a page at a time", () => {
  it("writes every page of the list as XLSX in its order, with numbers, dates and text typed", async () => {
    const { list, served } = pagedList(1_000);
    const file = await opened(list, "xlsx");
    expect(file.filename).toBe("Test-2026-12-02.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await bytesOf(file.body));
    const sheet = must(book.worksheets[0]);
    expect(sheet.name).toBe("Test");
    expect(sheet.rowCount).toBe(ROWS.length + 1);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["No.", "Name", "Time"]);
    expect((sheet.getRow(2501).values as unknown[]).slice(1)).toEqual([
      2_500,
      "第2500行",
      new Date("2026-12-01T08:30:00Z"),
    ]);
    expect(served.pages).toBe(3);
  });

  it("writes every page as CSV with a BOM, the header row in the reader's language and wall-clock times", async () => {
    const file = await opened(pagedList(700).list, "csv");
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await bytesOf(file.body)).split("\r\n");
    expect(lines[0]).toBe("\uFEFFNo.,Name,Time");
    expect(lines.length).toBe(ROWS.length + 2);
    expect(lines[2500]).toBe("2500,第2500行,2026-12-01 08:30:00");
  });

  it("answers the list's refusal of the first page before anything is sent", async () => {
    const refused = await openBook(spec, pagedList(1_000, 0).list, { format: "csv", language: "zh" }, 0);
    expect(refused).toEqual({ ok: false, reason: "bad_cursor" });
  });

  it("ends the download in error, never as a short but complete file, when a later page fails", async () => {
    const file = await opened(pagedList(1_000, 1_000).list, "xlsx");
    await expect(bytesOf(file.body)).rejects.toThrow(/bad_cursor/);
  });

  it.each(["csv", "xlsx"] as const)("gives other requests a turn between two pages of a %s book", async (format) => {
    const { list: paged } = pagedList(1);
    const turnsSeen: boolean[] = [];
    let turned = false;
    const list: typeof paged = async (cursor) => {
      if (cursor) turnsSeen.push(turned);
      turned = false;
      setImmediate(() => {
        turned = true;
      });
      return paged(cursor);
    };
    const file = await opened(list, format);
    await bytesOf(file.body);
    expect(turnsSeen.length).toBe(ROWS.length - 1);
    expect(turnsSeen.every(Boolean)).toBe(true);
  });

  it.each(["csv", "xlsx"] as const)("stops reading pages once the reader of a %s book goes away", async (format) => {
    const { list, served } = pagedList(10);
    const file = await opened(list, format);
    const reader = file.body.getReader();
    await reader.read();
    await reader.cancel();
    const pagesAtCancel = served.pages;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(served.pages).toBeLessThanOrEqual(pagesAtCancel + 1);
    expect(served.pages).toBeLessThan(ROWS.length / 10);
  });
});
