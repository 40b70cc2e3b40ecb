import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { ratingsApi, type Notice } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { listText } from "../lib/punctuation";
import { me } from "../lib/session";
import { noticePeriod } from "../lib/honours";
import { FormError } from "../components/Field";

addPageTexts(zhPages);

/** 公示 (public, phone-first): the entries of each notice with masked names, how to object, and the committee's answers. */
export default function Notices() {
  const params = useParams<{ id: string }>();
  const [notices, { refetch }] = createResource(() => Number(params.id), ratingsApi.notices);
  return (
    <section>
      <h1>{t("notices.title")}</h1>
      <Show when={notices.error}>
        <p class="form-error">{errorText(notices.error)}</p>
      </Show>
      <For each={notices()?.items} fallback={<p class="muted">{t("notices.none")}</p>}>
        {(n) => (
          <NoticeCard
            notice={n}
            communityId={Number(params.id)}
            supervisionPhone={notices()?.community?.supervisionPhone ?? null}
            onChange={() => void refetch()}
          />
        )}
      </For>
      <A href={`/honor/${params.id}`}>{t("honor.title")}</A>
    </section>
  );
}

function NoticeCard(props: {
  notice: Notice;
  communityId: number;
  supervisionPhone: string | null;
  onChange: () => void;
}) {
  return (
    <article class="card" data-testid="notice">
      <h2>{props.notice.title}</h2>
      <p class="muted">{noticePeriod(props.notice)}</p>
      <ul class="plain" aria-label={props.notice.title}>
        <For each={props.notice.entries}>
          {(entry) => (
            <li class="statement-line" data-testid="notice-entry">
              <div class="row">
                <strong>{entry.name}</strong>
                <span>{listText(entry.stars)}</span>
              </div>
              <Show when={me()} fallback={<p class="muted">{t("notices.signIn")}</p>}>
                <ObjectForm nominationId={entry.nominationId} name={entry.name} />
              </Show>
            </li>
          )}
        </For>
      </ul>
      <p>{t("notices.how")}</p>
      <Show when={props.supervisionPhone}>
        {(phone) => (
          <p data-testid="supervision-phone">
            <a class="button" href={`tel:${phone()}`}>
              {t("notices.supervision", { phone: phone() })}
            </a>
          </p>
        )}
      </Show>
      <Show when={props.notice.answers.length > 0}>
        <h3>{t("notices.answers")}</h3>
        <ul class="plain">
          <For each={props.notice.answers}>
            {(a) => (
              <li data-testid="notice-answer">
                {t("common.labelled", {
                  label: a.entry,
                  value: t("common.aside", {
                    text: a.answer ?? "",
                    note: t(`ratingDesk.outcomes.${a.outcome ?? "dismissed"}`),
                  }),
                })}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <A class="button" href={`/notices/${props.communityId}/print/${props.notice.cycleId}`}>
        {t("notices.print")}
      </A>
    </article>
  );
}

function ObjectForm(props: { nominationId: number; name: string }) {
  const [open, setOpen] = createSignal(false);
  const [sent, setSent] = createSignal(false);
  const form = createForm();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const reason = formValues(event.currentTarget as HTMLFormElement).reason ?? "";
    if (await form.submit(async () => void (await ratingsApi.object(props.nominationId, reason))))
      setSent(true), setOpen(false);
  };
  return (
    <>
      <Show when={sent()}>
        <p class="notice" role="status">
          {t("notices.submitted")}
        </p>
      </Show>
      <Show
        when={open()}
        fallback={
          <button type="button" class="small" onClick={() => setOpen(true)}>
            {t("notices.object")}
          </button>
        }
      >
        <form onSubmit={submit} aria-label={`${t("notices.object")} ${props.name}`}>
          <div class="field">
            <label for={`reason-${props.nominationId}`}>{t("notices.reason")}</label>
            <textarea id={`reason-${props.nominationId}`} name="reason" rows="3" required maxLength={500} />
          </div>
          <FormError message={form.formError()} />
          <button type="submit" disabled={form.busy()}>
            {t("notices.submit")}
          </button>
        </form>
      </Show>
    </>
  );
}
