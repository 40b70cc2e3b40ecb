import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { errorBody } from "./errors";

type NodeBindings = { incoming?: { httpVersionMajor?: number } };

/**
 * Hono's body limit, decided from the headers where they suffice. Hono's own
 * reads `request.body` first, which makes the Node adapter build a full web
 * Request (a stream, an abort signal) for every request, GETs included: a
 * third of a small route's cost (decision 0012). An HTTP/1.1 request states
 * its body's length or its chunking, and without either has no body (RFC 9112
 * §6.3); only a chunked body, or a request that did not come over HTTP/1
 * (`app.request` in tests), is counted by Hono's middleware as it streams.
 */
/** A route whose bodies may be larger (a topic's proposal with its photos). */
export type LargerBodies = { maxBytes: number; applies: (method: string, path: string) => boolean };

export function limitBody(maxBytes: number, larger?: LargerBodies): MiddlewareHandler<{ Bindings: NodeBindings }> {
  const ordinary = limitTo(maxBytes);
  const exception = larger && limitTo(larger.maxBytes);
  return (c, next) => (exception && larger.applies(c.req.method, c.req.path) ? exception(c, next) : ordinary(c, next));
}

function limitTo(maxBytes: number): MiddlewareHandler<{ Bindings: NodeBindings }> {
  const tooLarge = errorBody("too_large", "The request body is too large.");
  const counted = bodyLimit({ maxSize: maxBytes, onError: (c) => c.json(tooLarge, 413) });
  return (c, next) => {
    const length = c.req.header("content-length");
    const framed = c.env?.incoming?.httpVersionMajor === 1 && c.req.header("transfer-encoding") === undefined;
    if (!framed) return counted(c, next);
    if (length !== undefined && Number.parseInt(length, 10) > maxBytes) return Promise.resolve(c.json(tooLarge, 413));
    return next();
  };
}
