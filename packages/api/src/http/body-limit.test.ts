import { request as httpRequest } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import type { Log } from "../deps";
import { limitBody } from "./body-limit";
import { mapError } from "./errors";

const MAX_BYTES = 1_000;
const logged: { level: string; msg: string }[] = [];
const answered: number[] = [];
const log: Log = (level, msg) => logged.push({ level, msg });
const app = new Hono<{ Variables: { log: Log } }>()
  .use(async (c, next) => {
    c.set("log", log);
    await next();
    answered.push(c.res.status);
  })
  .use(limitBody(MAX_BYTES))
  .post("/echo", async (c) => c.json({ bytes: (await c.req.text()).length }))
  .onError(mapError);
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

  it("a chunked body its client abandons is answered 400 and logged as the client's doing, not as an error", async () => {
    const before = answered.length;
    const socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{"phone":"1380');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    for (let waitedMs = 0; answered.length === before && waitedMs < 2_000; waitedMs += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered.slice(before)).toEqual([400]);
    expect(logged.filter((l) => l.level === "error")).toEqual([]);
  });
});
