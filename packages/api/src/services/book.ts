import { setImmediate } from "node:timers/promises";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import {
  csvLine,
  ok,
  shanghaiDate,
  xlsxCell,
  type BookColumn,
  type ExportFormat,
  type ExportLanguage,
  type Fail,
  type Refusal,
  type Ok,
} from "@tongxin/core";

/** Rows a book reads per query: large enough that 100,000 rows take 100 queries, small enough to stay flat in memory. */
export const BOOK_PAGE_ROWS = 1_000;

type BookPage<Row> = { items: Row[]; nextCursor: string | null };
type PageResult<Row, R extends Refusal> = Ok<BookPage<Row>> | Fail<R>;

/** A staff list's book (台账): its title in each language and its columns. */
export type BookSpec<Row> = { title: Record<ExportLanguage, string>; columns: readonly BookColumn<Row>[] };

/**
 * The spec with the list's pages: `next` is the list's own verb with a cursor, so the book has its scope, filters
 * and order; `shown` runs on each page as it is written into the file (a book that reveals phones records them).
 */
type Book<Row> = BookSpec<Row> & {
  first: BookPage<Row>;
  next: (cursor: string) => Promise<PageResult<Row, Refusal>>;
  shown: ((rows: Row[]) => Promise<void>) | undefined;
};

export type BookFile = { filename: string; contentType: string; body: ReadableStream<Uint8Array> };

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const NUMBER_FORMATS = { text: "@", number: "General", date: "yyyy-mm-dd", datetime: "yyyy-mm-dd hh:mm:ss" };

/** The list's pages in order, read one at a time: only one page is ever held. */
async function* pagesOf<Row>(book: Book<Row>): AsyncGenerator<Row[]> {
  let page = book.first;
  for (;;) {
    await book.shown?.(page.items);
    yield page.items;
    if (!page.nextCursor) return;
    // Reads on a file are synchronous: without a turn of the event loop between pages a long book holds every other request.
    await setImmediate();
    const next = await book.next(page.nextCursor);
    // The first page passed the list's checks; a later refusal is a fault, and ends the download unfinished.
    if (!next.ok) throw new Error(`book page refused: ${next.reason}`);
    page = next;
  }
}

/** CSV with a BOM (so that Excel opens Chinese as UTF-8), the header row in the reader's language, one chunk a page. */
function csvStream<Row>(book: Book<Row>, language: ExportLanguage): Readable {
  async function* chunks() {
    const header = book.columns.map((c) => ({ ...c, type: "text" as const, value: () => c.header[language] }));
    yield Buffer.from(`\uFEFF${csvLine(header, null, language)}`);
    for await (const rows of pagesOf(book))
      yield Buffer.from(rows.map((row) => csvLine(book.columns, row, language)).join(""));
  }
  return Readable.from(chunks());
}

/** XLSX written as it is read (exceljs's streaming writer), waiting whenever the reader of the download falls behind. */
function xlsxStream<Row>(book: Book<Row>, language: ExportLanguage): Readable {
  const out = new PassThrough();
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = writer.addWorksheet(book.title[language]);
  sheet.columns = book.columns.map((c) => ({ key: c.key, header: c.header[language], width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // One style object per column, shared by its cells: exceljs caches a style by its object, so each is built once.
  const styles = book.columns.map((c) => ({ numFmt: NUMBER_FORMATS[c.type] }));
  const addRow = (row: Row) => {
    const added = sheet.addRow(book.columns.map((c) => xlsxCell(c.value(row, language), c.type)));
    styles.forEach((style, i) => {
      added.getCell(i + 1).style = style;
    });
    added.commit();
  };
  const write = async () => {
    for await (const rows of pagesOf(book)) {
      // The reader went away (a cancelled download): a destroyed stream never drains, so stop here.
      if (out.destroyed) return;
      for (const row of rows) addRow(row);
      if (out.writableNeedDrain) await Promise.race([once(out, "drain"), once(out, "close")]);
    }
    sheet.commit();
    await writer.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** `head`: a HEAD request wants the download's headers only: no page is written, so none is `shown`. */
export type BookRequest = { format: ExportFormat; language: ExportLanguage; head?: boolean | undefined };

/**
 * A list as a download in the chosen format, streamed a page at a time so that no request holds the whole list.
 * The first page is read before answering: the list's refusals (scope, filters) are answered as for the list.
 */
export async function openBook<Row, R extends Refusal>(
  spec: BookSpec<Row>,
  list: (cursor: string | undefined) => Promise<PageResult<Row, R>>,
  { format, language, head }: BookRequest,
  now: number,
  shown?: (rows: Row[]) => Promise<void>,
) {
  const first = await list(undefined);
  if (!first.ok) return first;
  const book = { ...spec, first, next: list, shown };
  const filename = `${spec.title[language]}-${shanghaiDate(now)}.${format}`;
  const stream = head ? Readable.from([]) : format === "csv" ? csvStream(book, language) : xlsxStream(book, language);
  return ok<BookFile>({
    filename,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE,
    body: Readable.toWeb(stream) as ReadableStream<Uint8Array>,
  });
}
