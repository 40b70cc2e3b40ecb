import * as v from "valibot";
import { EXPORT_FORMATS, EXPORT_LANGUAGES, type ExportFormat, type ExportLanguage } from "@tongxin/core";

/** Query fields every book (台账) download takes besides its list's filters: the format and the header row's language. */
export const bookQuery = {
  format: v.optional(v.picklist(EXPORT_FORMATS), "xlsx"),
  lang: v.optional(v.picklist(EXPORT_LANGUAGES), "zh"),
};

/**
 * `Content-Disposition` for a download whose name may be Chinese: an ASCII fallback for old clients
 * and the real name in RFC 5987 `filename*` (UTF-8, percent-encoded), which browsers prefer.
 */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The headers of a download: its type, its name, and no caching of staff data by shared caches. */
export function downloadHeaders(file: { filename: string; contentType: string }) {
  return {
    "content-type": file.contentType,
    "content-disposition": attachment(file.filename),
    "cache-control": "private, no-store",
  };
}

/** What a book download asks for; a HEAD request (a download manager's probe) gets the headers and writes no page. */
export function bookRequestOf(c: { req: { method: string } }, format: ExportFormat, lang: ExportLanguage) {
  return { format, language: lang, head: c.req.method === "HEAD" };
}
