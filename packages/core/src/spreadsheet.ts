import { must } from "./result";

/** The formats staff exports come in: XLSX with typed cells (the default), or CSV for other tools. */
export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a spreadsheet program reads as the start of a formula (or, for tab and CR, of a shifted cell). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell of a CSV export, safe to open in a spreadsheet: text that would start a formula
 * (a donation message "=HYPERLINK(…)") gets a leading apostrophe, which shows it as text.
 */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The languages a staff book's header row comes in (the web app sends the reader's). */
export const EXPORT_LANGUAGES = ["zh", "en"] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** How a column's cells are typed: XLSX numbers and dates stay numbers and dates, never text. */
export type ColumnType = "text" | "number" | "date" | "datetime";
export type Cell = string | number | null;

/** One column of a book: a machine key, its title in each language, its type and width (in characters). */
export type BookColumn<Row> = {
  key: string;
  header: Record<ExportLanguage, string>;
  type: ColumnType;
  width: number;
  value: (row: Row, language: ExportLanguage) => Cell;
};

/** A column in one line: `column("id", ["编号", "No."], "number", 10, (r) => r.id)`. */
export function column<Row>(
  key: string,
  [zh, en]: readonly [zh: string, en: string],
  type: ColumnType,
  width: number,
  value: BookColumn<Row>["value"],
): BookColumn<Row> {
  return { key, header: { zh, en }, type, width, value };
}

/** The wall-clock time of an ISO 8601 time with offset ("2026-12-01T08:30:00.000+08:00"), as written. */
const WALL_CLOCK = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)/;

/** A date or time cell as Shanghai wall-clock text (CSV), or null when the value is none. */
export function wallClockText(iso: string, type: "date" | "datetime"): string {
  const match = WALL_CLOCK.exec(iso);
  if (!match) return iso;
  return type === "date" ? must(match[1]) : `${match[1]} ${match[2]}`;
}

/**
 * The same wall-clock time as a Date whose UTC fields read it: spreadsheets have no time zones,
 * so a cell shows the time the list showed (Shanghai), not the machine's.
 */
export function wallClockDate(iso: string): Date {
  const match = WALL_CLOCK.exec(iso);
  return new Date(match ? `${match[1]}T${match[2]}Z` : iso);
}

/** One RFC 4180 field: text neutralised against formulas, quoted when it holds a quote, comma or line break. */
export function csvField(cell: Cell, type: ColumnType): string {
  if (cell === null) return "";
  const text =
    typeof cell === "number"
      ? String(cell)
      : type === "date" || type === "datetime"
        ? wallClockText(cell, type)
        : neutraliseCell(cell);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV line of a row (CRLF-terminated, as RFC 4180 and Excel expect). */
export function csvLine<Row>(columns: readonly BookColumn<Row>[], row: Row, language: ExportLanguage): string {
  return `${columns.map((c) => csvField(c.value(row, language), c.type)).join(",")}\r\n`;
}

/** An XLSX cell of a row: numbers as numbers, dates as dates, text as text (a string cell is never a formula). */
export function xlsxCell(cell: Cell, type: ColumnType): string | number | Date | null {
  if (cell === null) return null;
  if (typeof cell === "string" && (type === "date" || type === "datetime")) return wallClockDate(cell);
  return cell;
}
