import ExcelJS from "exceljs";
import { neutraliseCell, type ExportFormat } from "@tongxin/core";

type Cell = string | number | null;
/** A table for staff: each column has a machine key (the CSV header, for other tools) and a Chinese title (the XLSX header, for people). */
export type Table = { sheet: string; columns: { key: string; title: string }[]; rows: Cell[][] };
export type ExportFile = { filename: string; contentType: string; body: Uint8Array<ArrayBuffer> | string };

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const COLUMN_WIDTH = 20;

/** RFC 4180 fields, text neutralised against formulas, with a BOM so that Excel opens the Chinese text as UTF-8. */
function toCsv(table: Table): string {
  const field = (cell: Cell) => {
    const text = cell === null ? "" : typeof cell === "number" ? String(cell) : neutraliseCell(cell);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [table.columns.map((c) => c.key), ...table.rows].map((row) => row.map(field).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Typed cells: numbers stay numbers and text stays text (a string cell is never read as a formula, whatever it starts with). */
async function toXlsx(table: Table): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(table.sheet);
  sheet.columns = table.columns.map((c) => ({ header: c.title, width: COLUMN_WIDTH }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(table.rows);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export async function exportFile(basename: string, table: Table, format: ExportFormat): Promise<ExportFile> {
  if (format === "csv")
    return { filename: `${basename}.csv`, contentType: "text/csv; charset=utf-8", body: toCsv(table) };
  return { filename: `${basename}.xlsx`, contentType: XLSX_TYPE, body: await toXlsx(table) };
}
