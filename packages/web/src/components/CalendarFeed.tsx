import { Show, createResource, createSignal } from "solid-js";
import { calendarApi } from "../lib/api";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { formatTime } from "../lib/time";
import { Field } from "./Field";
import { copyText } from "../lib/clipboard";
import { Outcome } from "./Outcome";

addPageTexts(zhPages);

/** Calendar apps subscribe by the webcal scheme: the same address, which a phone hands to its calendar. */
const webcalOf = (url: string) => url.replace(/^https?:\/\//, "webcal://");

/**
 * 订阅到手机日历: make (or replace) the private feed link, copy it, open it as webcal://, or stop it.
 * The link is shown only right after it is made: the server keeps only its hash.
 */
export function CalendarFeed() {
  const [status, { refetch }] = createResource(calendarApi.status);
  // Unread while it failed (offline, say): the card shows the error, and the page around it still opens.
  const current = () => (status.error ? undefined : status());
  const [url, setUrl] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal("");
  const [error, setError] = createSignal("");

  async function act(work: () => Promise<void>) {
    setError("");
    setMessage("");
    try {
      await work();
      await refetch();
    } catch (e) {
      setError(errorText(e));
    }
  }

  const subscribe = () => {
    if (current()?.active && !window.confirm(t("calendar.rotateConfirm"))) return;
    void act(async () => {
      setUrl((await calendarApi.subscribe()).url);
    });
  };
  const revoke = () => {
    if (!window.confirm(t("calendar.revokeConfirm"))) return;
    void act(async () => {
      await calendarApi.revoke();
      setUrl(null);
      setMessage(t("calendar.revoked"));
    });
  };
  const copy = async (link: string) =>
    setMessage(t((await copyText(link)) ? "calendar.copied" : "calendar.copyFailed"));

  return (
    <section class="card" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">{t("calendar.title")}</h2>
      <p>{t("calendar.intro")}</p>
      <Show when={status.error}>
        <p class="form-error">{errorText(status.error)}</p>
      </Show>
      <Show when={url()} fallback={<Show when={current()}>{(s) => <StatusLine {...s()} />}</Show>}>
        {(link) => (
          <>
            <Field label={t("calendar.link")} name="calendar-url" value={link()} readOnly onFocus={selectAll} />
            <Field
              label={t("calendar.webcal")}
              name="calendar-webcal"
              value={webcalOf(link())}
              readOnly
              onFocus={selectAll}
            />
            <p class="actions">
              <button type="button" class="primary" onClick={() => void copy(link())}>
                {t("calendar.copy")}
              </button>
              <a class="button" href={webcalOf(link())}>
                {t("calendar.open")}
              </a>
            </p>
          </>
        )}
      </Show>
      <p class="actions">
        <button type="button" class={current()?.active ? undefined : "primary"} onClick={subscribe}>
          {current()?.active ? t("calendar.rotate") : t("calendar.create")}
        </button>
        <Show when={current()?.active}>
          <button type="button" class="danger" onClick={revoke}>
            {t("calendar.revoke")}
          </button>
        </Show>
      </p>
      <Outcome status={message()} error={error()} />
    </section>
  );
}

function StatusLine(props: { active: boolean; createdAt: string | null }) {
  return (
    <p class="muted">
      {props.active ? t("calendar.active", { time: formatTime(props.createdAt) }) : t("calendar.inactive")}
    </p>
  );
}

const selectAll = (e: FocusEvent) => (e.currentTarget as HTMLInputElement).select();
