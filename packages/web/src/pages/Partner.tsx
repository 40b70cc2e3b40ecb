import { A, useParams } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import { volunteering } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { hoursOf } from "../lib/time";

export default function Partner() {
  const params = useParams<{ id: string }>();
  const [unit] = createResource(() => Number(params.id), volunteering.partnerUnit);
  return (
    <section>
      <Show when={unit.error}>
        <p class="form-error">{errorText(unit.error)}</p>
      </Show>
      <Show when={unit()}>
        {(u) => (
          <>
            <h1>{u().name}</h1>
            <p>
              <span class="badge">{t(`partnerKinds.${u().kind}`)}</span>{" "}
              {t("partner.hours", { hours: hoursOf(u().totalMinutes) })}
            </p>
            <Show when={u().contactName}>
              <p class="muted">
                {t("common.labelled", {
                  label: t("partner.contactName"),
                  value: `${u().contactName} ${u().contactPhone ?? ""}`,
                })}
              </p>
            </Show>
            <h2>{t("partner.members")}</h2>
            <ul class="plain">
              <For each={u().members}>{(m) => <li>{`${m.name} · ${hoursOf(m.minutes)} h`}</li>}</For>
            </ul>
            <h2>{t("partner.activities")}</h2>
            <ul class="plain">
              <For each={u().activities}>
                {(a) => (
                  <li>
                    <A href={`/activities/${a.id}`}>{a.title}</A>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
    </section>
  );
}
