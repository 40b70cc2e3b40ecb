import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { limitBody } from "./body-limit";

const MAX_BYTES = 1_000;
const app = new Hono()
  .use(limitBody(MAX_BYTES))
  .post("/echo", async (c) => c.json({ bytes: (await c.req.text()).length }));
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((resolve) => server.once("listening", resolve));
const { port } = server.address() as AddressInfo;
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A POST over real HTTP/1.1, its body sent with a stated length or chunked. */
function post(body: string, framing: "length" | "chunked"): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/echo", method: "POST" }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    if (framing === "length") req.setHeader("content-length", Buffer.byteLength(body));
    else for (let i = 0; i < body.length; i += 300) req.write(body.slice(i, i + 300));
    req.end(framing === "length" ? body : undefined);
  });
}

describe("the body limit", () => {
  it.each(["length", "chunked"] as const)(
    "over HTTP/1.1 a %s body over the limit is refused 413 in the shared shape",
    async (framing) => {
      const res = await post("x".repeat(MAX_BYTES + 1), framing);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.text).error.code).toBe("too_large");
    },
  );

  it.each(["length", "chunked"] as const)(
    "over HTTP/1.1 a %s body at the limit reaches the route whole",
    async (framing) => {
      expect(await post("x".repeat(MAX_BYTES), framing)).toEqual({
        status: 200,
        text: JSON.stringify({ bytes: MAX_BYTES }),
      });
    },
  );

  it("a request that states no length (app.request, as the tests call the API) has its body counted", async () => {
    const over = await app.request("/echo", { method: "POST", body: "x".repeat(MAX_BYTES + 1) });
    expect(over.status).toBe(413);
    const within = await app.request("/echo", { method: "POST", body: "x".repeat(10) });
    expect(await within.json()).toEqual({ bytes: 10 });
  });
});
