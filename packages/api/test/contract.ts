import { brotliDecompressSync, gunzipSync } from "node:zlib";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import type { createApp } from "../src/app";

type App = ReturnType<typeof createApp>;
type Document = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

let document: Promise<Document> | undefined;
const ajv = new Ajv2020({ strict: false, validateSchema: false, validateFormats: false, allErrors: true });
const validators = new Map<string, ValidateFunction>();
let templates: { method: string; path: string; pattern: RegExp; params: number }[] = [];

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

async function load(app: App): Promise<Document> {
  const res = await app.request("http://localhost/api/openapi.json");
  const doc = (await res.json()) as Document;
  ajv.addSchema(doc, "contract");
  templates = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({
      method,
      path,
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
      params: (path.match(/\{/g) ?? []).length,
    })),
  );
  return doc;
}

/** The documented operation a request reached: the most specific template, as the router prefers static segments. */
function operationOf(method: string, path: string) {
  const matching = templates.filter((t) => t.method === method && t.pattern.test(path));
  return matching.sort((a, b) => a.params - b.params)[0];
}

/**
 * Checks an answer against /api/openapi.json: its status is one the operation declares, and a JSON
 * body matches the declared schema (closed objects: a field the contract does not name fails too).
 */
export async function checkAnswer(app: App, request: Request, response: Response): Promise<void> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith("/api/") || url.pathname === "/api/openapi.json") return;
  const doc = await (document ??= load(app));
  const method = request.method.toLowerCase();
  const operation = operationOf(method, url.pathname.slice("/api".length));
  if (!operation) return; // an unknown route's 404, the document itself
  const declared = doc.paths[operation.path]?.[method]?.responses[String(response.status)];
  const where = `${request.method} ${url.pathname} → ${response.status}`;
  if (!declared) throw new Error(`contract: ${where} is not a declared answer of ${method} ${operation.path}`);
  const type = (response.headers.get("content-type") ?? "").split(";")[0] as string;
  if (type !== "application/json") return;
  if (!declared.content?.["application/json"])
    throw new Error(
      `contract: ${where} answered JSON where the document declares ${Object.keys(declared.content ?? {})}`,
    );
  const ref = `contract#/${pointer("paths", operation.path, method, "responses", String(response.status), "content", "application/json", "schema")}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  const body = JSON.parse(await bodyText(response));
  if (!validate(body))
    throw new Error(
      `contract: ${where} does not match its schema: ${ajv.errorsText(validate.errors, { separator: "\n  " })}\n${JSON.stringify(body).slice(0, 600)}`,
    );
}

/** The answer's text as the client reads it: a real client asks for it compressed. */
async function bodyText(response: Response): Promise<string> {
  const bytes = Buffer.from(await response.clone().arrayBuffer());
  const encoding = response.headers.get("content-encoding");
  const plain = encoding === "br" ? brotliDecompressSync(bytes) : encoding === "gzip" ? gunzipSync(bytes) : bytes;
  return plain.toString("utf8");
}

/** The app whose every answer in a test is checked against its own OpenAPI document. */
export function checkedAgainstContract(app: App): App {
  const fetch = app.fetch.bind(app);
  app.fetch = async (request: Request, ...rest: unknown[]) => {
    const response = await (fetch as (r: Request, ...a: unknown[]) => Promise<Response>)(request, ...rest);
    await checkAnswer(app, request, response);
    return response;
  };
  return app;
}
