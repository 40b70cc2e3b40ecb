/**
 * The value a forwarding header holds for the client, behind `trustedProxies`
 * proxies that each append what they saw. The entries to the left of that one
 * came from the client, who can write anything there; so we count from the
 * right. A header with fewer entries than trusted proxies did not come through
 * them all: null, and the caller falls back to the socket.
 */
export function forwardedHop(header: string | undefined, trustedProxies: number): string | null {
  const hops = (header ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops[hops.length - trustedProxies] ?? null;
}
