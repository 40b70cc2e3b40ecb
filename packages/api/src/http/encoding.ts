export type Encoding = "br" | "gzip";

/** Server preference: brotli is smaller, gzip is understood everywhere. */
const PREFERENCE: readonly Encoding[] = ["br", "gzip"];

/**
 * The best of `available` that an `Accept-Encoding` header allows (q > 0, by name or through `*`), or none:
 * the client's highest weight first, the server's preference between equal weights.
 */
export function preferredEncoding(header: string | undefined, available: readonly Encoding[]): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    weights.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const weightOf = (encoding: Encoding) => weights.get(encoding) ?? weights.get("*") ?? 0;
  const allowed = PREFERENCE.filter((encoding) => available.includes(encoding) && weightOf(encoding) > 0);
  // A stable sort keeps the server's order between equal weights.
  return allowed.sort((a, b) => weightOf(b) - weightOf(a))[0];
}
