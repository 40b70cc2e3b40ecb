import { useParams } from "@solidjs/router";
import { createMemo, createResource } from "solid-js";
import { WallScreen } from "../components/WallScreen";
import { ApiError, dashboardsApi } from "../lib/api";
import { placeNames, placeOf } from "../lib/places";
import { me } from "../lib/session";

/**
 * 大屏 for a signed-in staff member: each refresh carries the session, whose sliding expiry keeps the TV signed in.
 * A session that ended (signed out elsewhere, password changed) needs someone at the TV: it says so, not "stale".
 */
export default function Wall() {
  const params = useParams<{ kind: string; id: string }>();
  const place = createMemo(() => placeOf(params.kind, params.id) ?? undefined);
  const [names] = createResource(place, (p) => placeNames(p, me()).catch(() => undefined));
  return (
    <WallScreen
      source={place()}
      read={(p) => dashboardsApi.show(p.kind, p.id)}
      title={names()?.title}
      ended={(error) => error instanceof ApiError && error.status === 401}
    />
  );
}
