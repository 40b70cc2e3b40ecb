import { A, useParams } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import { volunteering } from "../lib/api";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { hoursOf } from "../lib/time";
import { honourLabel } from "../lib/honours";
import { hasRole, me } from "../lib/session";
import { CertificateForm } from "../components/CertificateForm";

addPageTexts(zhPages);

/** 志愿服务记录: totals, star level, hours per year, and every entry (voided ones kept, struck through). */
export default function Record() {
  const params = useParams<{ id: string }>();
  const [record] = createResource(() => Number(params.id), volunteering.record);
  const own = () => me()?.user.id === Number(params.id);
  return (
    <section>
      <Show when={record.error}>
        <p class="form-error">{errorText(record.error)}</p>
      </Show>
      <Show when={record()}>
        {(r) => (
          <>
            <h1>
              {t("record.title")} · {r().volunteer.name}
            </h1>
            <div class="card">
              <p class="big" data-testid="total-hours">
                {t("record.total", { hours: r().totalHours })}
              </p>
              <Show when={r().starLevel > 0} fallback={<p class="muted">{t("record.noStars")}</p>}>
                <p class="stars" aria-label={`${r().starLevel} ${t("record.stars")}`}>
                  {"★".repeat(r().starLevel)}
                  <span class="muted">{"☆".repeat(5 - r().starLevel)}</span> {t("record.stars")}
                </p>
              </Show>
            </div>
            <Show when={r().awards.some((a) => !a.revoked)}>
              <p class="badges" aria-label={t("honor.mine")}>
                <For each={r().awards.filter((a) => !a.revoked)}>
                  {(a) => <span class="honour-badge">{honourLabel(a)}</span>}
                </For>
              </p>
            </Show>
            <Show when={own() || hasRole("streetAdmin", "communityStaff")}>
              <CertificateForm userId={r().volunteer.id} own={own()} />
            </Show>
            <h2>{t("record.byYear")}</h2>
            <ul class="plain row">
              <For each={r().years}>{(y) => <li class="chip">{`${y.year}: ${hoursOf(y.minutes)} h`}</li>}</For>
            </ul>
            <h2>{t("record.entries")}</h2>
            <ul class="plain" aria-label={t("record.entries")}>
              <For each={r().entries}>
                {(entry) => (
                  <li class="card" classList={{ archived: entry.voidedAt !== null }}>
                    <div class="row">
                      <span>{entry.serviceDate}</span>
                      <A href={`/activities/${entry.activityId}`}>{entry.title}</A>
                      <strong>{hoursOf(entry.minutes)} h</strong>
                    </div>
                    <Show when={entry.correctionReason}>
                      <p class="muted small-text">{t("record.corrected", { reason: entry.correctionReason ?? "" })}</p>
                    </Show>
                    <Show when={entry.voidedAt}>
                      <p class="form-error small-text">{t("record.voided", { reason: entry.voidReason ?? "" })}</p>
                    </Show>
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
