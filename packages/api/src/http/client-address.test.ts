import { describe, expect, it } from "vitest";
import { forwardedHop } from "./client-address";

describe("the client's address behind trusted proxies", () => {
  it.each([
    { case: "one proxy, one hop", header: "198.51.100.7", proxies: 1, client: "198.51.100.7" },
    {
      case: "one proxy, a spoofed hop on the left",
      header: "1.2.3.4, 198.51.100.7",
      proxies: 1,
      client: "198.51.100.7",
    },
    { case: "two proxies", header: "1.2.3.4, 198.51.100.7, 10.0.0.2", proxies: 2, client: "198.51.100.7" },
    { case: "spaces and empty entries", header: " 1.2.3.4 ,, 198.51.100.7 ", proxies: 1, client: "198.51.100.7" },
    { case: "fewer hops than proxies", header: "198.51.100.7", proxies: 2, client: null },
    { case: "no header", header: undefined, proxies: 1, client: null },
  ])("$case → $client", ({ header, proxies, client }) => {
    expect(forwardedHop(header, proxies)).toBe(client);
  });
});
