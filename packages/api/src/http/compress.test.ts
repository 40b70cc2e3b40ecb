import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO, testApp } from "../../test/harness";
import { JSON_COMPRESS_BYTES_MIN } from "./compress";

const t = await testApp();
afterAll(() => t.cleanup());

describe("compressed API answers", () => {
  it("a JSON answer above the threshold comes as brotli or gzip, as accepted, and reads the same", async () => {
    const plain = await t.app.request("/api/openapi.json");
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(JSON_COMPRESS_BYTES_MIN);
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(plain.headers.get("Vary")).toContain("Accept-Encoding");

    const br = await t.app.request("/api/openapi.json", { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect([br.headers.get("Content-Encoding"), br.headers.get("Content-Type")]).toEqual(["br", "application/json"]);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get("Content-Length"))).toBe(brBytes.byteLength);
    expect(brBytes.byteLength).toBeLessThan(text.length / 3);
    expect(brotliDecompressSync(brBytes).toString()).toBe(text);

    const gz = await t.app.request("/api/openapi.json", { headers: { "Accept-Encoding": "gzip" } });
    expect(gz.headers.get("Content-Encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(text);
  });

  it("a JSON answer below the threshold comes as it is", async () => {
    const res = await t.app.request("/api/health", { headers: { "Accept-Encoding": "br, gzip" } });
    expect(res.headers.get("Content-Encoding")).toBeNull();
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("a spreadsheet download is sent untouched to a browser that accepts compression", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const res = await t.app.request("/api/communities/1/points/export?kind=statement&month=2026-12", {
      headers: { cookie: staff.cookie ?? "", "Accept-Encoding": "br, gzip" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Encoding")).toBeNull();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip, as every .xlsx is
  });
});
