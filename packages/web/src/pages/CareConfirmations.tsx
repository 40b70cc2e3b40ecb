import { A, useParams } from "@solidjs/router";
import { For, Show } from "solid-js";
import { LoadError } from "../components/LoadError";
import { careApi } from "../lib/api";
import { addPageTexts, t } from "../lib/i18n";
import { createPagedList } from "../lib/paged";
import { zhCare } from "../i18n/zh-care";

addPageTexts(zhCare);

/** 待认定的走访: volunteers' visits in the grid worker's grids (or the community, for staff) waiting to count as service. */
export default function CareConfirmations() {
  const params = useParams<{ id: string }>();
  const communityId = () => Number(params.id) || false;
  const list = createPagedList(communityId, (id: number, cursor?: string) => careApi.unconfirmed(id, cursor));
  return (
    <Show when={!list.error()} fallback={<LoadError error={list.error()} />}>
      <section>
        <h1>{t("care.confirmations.title")}</h1>
        <p class="muted">{t("care.confirmations.intro")}</p>
        <Show when={list.loaded()} fallback={<p>{t("common.loading")}</p>}>
          <ul class="plain">
            <For each={list.items()} fallback={<li class="muted">{t("care.confirmations.none")}</li>}>
              {(visit) => (
                <li class="card row" data-testid="care-unconfirmed">
                  <span>
                    {t("care.confirmations.line", {
                      date: visit.visitedOn,
                      name: visit.visitorName,
                      mode: t(`care.mode.${visit.mode}`),
                    })}
                  </span>
                  <A class="button" href={`/households/${visit.householdId}/care`}>
                    {t("care.confirmations.open")}
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={list.hasMore()}>
          <button type="button" onClick={() => list.loadMore()}>
            {t("care.campaigns.more")}
          </button>
        </Show>
      </section>
    </Show>
  );
}
