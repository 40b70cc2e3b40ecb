// A district platform's program, as an integrator would write it against Tongxin: the types are generated
// from /api/openapi.json by openapi-typescript (`npx openapi-typescript <origin>/api/openapi.json -o
// generated/tongxin-api.d.ts`) and the calls made with openapi-fetch, signed in with an API token.
import createClient from "openapi-fetch";
import type { paths } from "./generated/tongxin-api";

/** Lists a community's open requests and posts one for a resident; answers the ids it saw and the one it made. */
export async function syncRequests(origin: string, token: string, communityId: number, residentId: number) {
  const api = createClient<paths>({ baseUrl: `${origin}/api`, headers: { Authorization: `Bearer ${token}` } });

  const listed = await api.GET("/requests", { params: { query: { communityId: String(communityId) } } });
  if (listed.error) throw new Error(`listing refused: ${listed.error.error.code} ${listed.error.error.reason ?? ""}`);
  const seen = listed.data.items.map((request) => `${request.id} ${request.status}`);

  const posted = await api.POST("/requests", {
    body: {
      kind: "service",
      category: "plumbing",
      description: "厨房水管漏水（区平台转来的工单）",
      urgency: "normal",
      ownerUserId: residentId,
    },
  });
  if (posted.error) throw new Error(`posting refused: ${posted.error.error.code} ${posted.error.error.reason ?? ""}`);
  return { seen, posted: { id: posted.data.id, status: posted.data.status } };
}
