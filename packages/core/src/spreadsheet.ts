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
