import { useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import type { WarningPlace } from "../lib/api";
import { t } from "../lib/i18n";
import { communitiesWith, me, streetIds } from "../lib/session";
import { WarningsList } from "../components/WarningsList";

const SCOPES = ["street", "community", "grid"] as const;

/** The place a reader's warnings are about by default: the street's for its admin, the community's for its staff, a grid's for its worker. */
function defaultPlace(): WarningPlace | undefined {
  const street = streetIds()[0];
  if (street) return { scope: "street", id: street };
  const community = communitiesWith("communityStaff", "committeeMember")[0];
  if (community) return { scope: "community", id: community };
  const grid = me()?.roles.find((r) => r.role === "gridWorker");
  return grid ? { scope: "grid", id: grid.scopeId } : undefined;
}

/** 预警: the scope's warnings (`?scope=community&id=1` picks another place the reader may see). */
export default function Warnings() {
  const [params] = useSearchParams<{ scope?: string; id?: string }>();
  const place = (): WarningPlace | undefined => {
    const scope = SCOPES.find((s) => s === params.scope);
    const id = Number(params.id);
    return scope && Number.isSafeInteger(id) && id > 0 ? { scope, id } : defaultPlace();
  };
  return (
    <section>
      <h1>{t("warnings.title")}</h1>
      <Show when={place()} fallback={<p class="muted">{t("warnings.none")}</p>}>
        {(p) => (
          <>
            <h2>{t(`warnings.scope.${p().scope}`)}</h2>
            <WarningsList place={p()} />
          </>
        )}
      </Show>
    </section>
  );
}
