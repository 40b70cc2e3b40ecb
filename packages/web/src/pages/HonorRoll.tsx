import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { ratingsApi } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { errorText, t } from "../lib/i18n";
import { listText } from "../lib/punctuation";
import { hasRole } from "../lib/session";
import { FormError } from "../components/Field";

/** 光荣榜 (public, phone-first): each scheme's latest awardees and earlier years, revocations in the open, and star volunteers. */
export default function HonorRoll() {
  const params = useParams<{ id: string }>();
  const [roll, { refetch }] = createResource(() => Number(params.id), ratingsApi.honorRoll);
  return (
    <section>
      <Show when={roll.error}>
        <p class="form-error">{errorText(roll.error)}</p>
      </Show>
      <Show when={roll()}>
        {(r) => (
          <>
            <h1>
              {r().community} · {t("honor.title")}
            </h1>
            <For each={r().schemes} fallback={<p class="muted">{t("honor.none")}</p>}>
              {(scheme) => (
                <article class="card" data-testid="honor-scheme">
                  <h2>{scheme.name}</h2>
                  <For each={scheme.periods}>
                    {(period, i) => (
                      <div>
                        <h3 class={i() > 0 ? "muted" : ""}>
                          {i() > 0 ? `${t("honor.history")} · ${period.periodLabel}` : period.periodLabel}
                        </h3>
                        <ul class="plain honorees">
                          <For each={period.awardees}>
                            {(a) => (
                              <li class="honoree" data-testid="honoree">
                                <strong>{a.name}</strong>
                                <span class="stars-line">{a.full ? `★ ${scheme.name}` : listText(a.stars)}</span>
                                <Show when={hasRole("committeeMember", "communityStaff", "streetAdmin")}>
                                  <Revoke awardId={a.awardId} onDone={() => void refetch()} />
                                </Show>
                              </li>
                            )}
                          </For>
                        </ul>
                      </div>
                    )}
                  </For>
                  <Show when={scheme.revoked.length > 0}>
                    <h3>{t("honor.revoked")}</h3>
                    <For each={scheme.revoked}>
                      {(a) => (
                        <p class="small-text muted">
                          {t("honor.revokedLine", {
                            name: a.name,
                            period: a.periodLabel,
                            scheme: scheme.name,
                            reason: a.revoked?.reason ?? "",
                          })}
                        </p>
                      )}
                    </For>
                  </Show>
                </article>
              )}
            </For>
            <article class="card">
              <h2>{t("honor.starVolunteers")}</h2>
              <ul class="plain honorees">
                <For each={r().starVolunteers} fallback={<li class="muted">{t("honor.none")}</li>}>
                  {(v) => (
                    <li class="honoree">
                      <strong>{v.name}</strong>
                      <span class="stars-line" aria-label={t("honor.stars", { n: v.level })}>
                        {"★".repeat(v.level)}
                      </span>
                      <span class="muted">{t("honor.hours", { n: v.hours })}</span>
                    </li>
                  )}
                </For>
              </ul>
            </article>
            <A href={`/notices/${params.id}`}>{t("notices.title")}</A>
          </>
        )}
      </Show>
    </section>
  );
}

/** A published award is never edited: the committee revokes it with a reason, shown on the roll. */
function Revoke(props: { awardId: number; onDone: () => void }) {
  const [open, setOpen] = createSignal(false);
  const form = createForm();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const reason = formValues(event.currentTarget as HTMLFormElement).reason ?? "";
    if (await form.submit(async () => void (await ratingsApi.revoke(props.awardId, reason)))) props.onDone();
  };
  return (
    <Show
      when={open()}
      fallback={
        <button type="button" class="link small-text" onClick={() => setOpen(true)}>
          {t("honor.revoke")}
        </button>
      }
    >
      <form onSubmit={submit}>
        <label class="stacked">
          <span>{t("honor.revokeReason")}</span>
          <input name="reason" required maxLength={500} />
        </label>
        <button type="submit" class="small" disabled={form.busy()}>
          {t("honor.revoke")}
        </button>
        <FormError message={form.formError()} />
      </form>
    </Show>
  );
}
