import { A } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import { zhCare } from "../i18n/zh-care";
import { careApi } from "../lib/api";
import { addPageTexts, t } from "../lib/i18n";
import { DueBadge } from "../components/Care";

addPageTexts(zhCare);

/** 我的联户: the visitor's paired households, those due or overdue first, each a tap away from its visit form. */
export default function MyCare() {
  const [list] = createResource(() => careApi.mine());
  return (
    <section class="card narrow">
      <h1>{t("care.mine.title")}</h1>
      <p class="muted">{t("care.mine.intro")}</p>
      <Show when={list()}>
        {(loaded) => (
          <ul class="plain" aria-label={t("care.mine.title")}>
            <For each={loaded().items} fallback={<li class="muted">{t("care.mine.none")}</li>}>
              {(h) => (
                <li class="card" data-testid="care-household">
                  <h2>{h.label}</h2>
                  <div class="row">
                    <DueBadge due={h.due} />
                    <span>{t(`care.level.${h.level}`)}</span>
                  </div>
                  <p>{t("care.mine.next", { date: h.nextVisitOn })}</p>
                  <p class="muted">
                    {h.lastVisitedOn ? t("care.mine.last", { date: h.lastVisitedOn }) : t("care.mine.never")}
                  </p>
                  <div class="actions">
                    <A class="button go" href={`/households/${h.householdId}/care/visit`}>
                      {t("care.mine.record")}
                    </A>
                    <A class="button" href={`/households/${h.householdId}/care`}>
                      {t("care.mine.open")}
                    </A>
                  </div>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
    </section>
  );
}
