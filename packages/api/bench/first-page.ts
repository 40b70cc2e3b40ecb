/** The first page's bytes on the wire, as a browser asking for brotli gets them: index.html and the scripts and styles it names. */
import { request } from "node:http";

type Fetched = { path: string; status: number; bytes: number; encoding: string };

/** One GET, counting the body bytes as sent (not decoded: node:http leaves the encoding alone). */
function get(base: string, path: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { headers: { "accept-encoding": "br" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        resolve({
          path,
          status: res.statusCode ?? 0,
          bytes: Buffer.concat(chunks).length,
          encoding: String(res.headers["content-encoding"] ?? "identity"),
        });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/** Script sources, module preloads and stylesheets of the page (the assets a browser fetches before first paint). */
const assetsOf = (html: string): string[] =>
  [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"/g)]
    .map((m) => m[1] ?? "")
    .filter((p) => p.startsWith("/"));

export async function firstPage(base: string): Promise<{ files: Fetched[]; totalBytes: number } | { missing: string }> {
  // index.html is read uncompressed to find its assets, then measured as sent.
  const plain = await new Promise<string>((resolve, reject) => {
    request(new URL("/", base), (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve(res.statusCode === 200 ? text : ""));
    })
      .on("error", reject)
      .end();
  });
  if (!plain.toLowerCase().includes("<html"))
    return { missing: "the server serves no index.html (web app not built: run `pnpm build` first)" };
  const files = [await get(base, "/"), ...(await Promise.all(assetsOf(plain).map((path) => get(base, path))))];
  return { files, totalBytes: files.reduce((sum, f) => sum + f.bytes, 0) };
}
