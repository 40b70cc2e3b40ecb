import { A, useSearchParams } from "@solidjs/router";
import { Match, Show, Switch, createResource } from "solid-js";
import { ApiError, volunteering } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { formatTime } from "../lib/time";

/** Only a failure on the way (network, server) is worth sending the same code again; a refused code needs a new scan. */
const retryable = (error: unknown) => !(error instanceof ApiError) || error.status === 0 || error.status >= 500;

/** A link no QR code of ours makes (cut short, mistyped, another shift's): the reader needs a new scan, not a form's advice. */
const unreadable = (error: unknown) =>
  error instanceof ApiError && (error.code === "invalid_input" || error.reason === "not_found");

/** What to do after a refused scan: a renewed QR for an old or broken one, nothing more once checked out, else try again or ask. */
function nextStep(error: unknown): string {
  const reason = error instanceof ApiError ? error.reason : undefined;
  if (reason === "invalid_token" || unreadable(error)) return t("checkin.scanAgain");
  if (reason === "already_checked_out") return t("checkin.allDone");
  return retryable(error) ? t("checkin.tryAgain") : t("checkin.askOrganiser");
}

/** Opened by scanning the organiser's QR code: checks the signed-in volunteer in, or out on the second scan. */
export default function CheckIn() {
  const [params] = useSearchParams<{ shift?: string; token?: string }>();
  const [result, { refetch }] = createResource(
    () => (params.shift && params.token ? { shift: Number(params.shift), token: params.token } : false),
    ({ shift, token }) => volunteering.scan(shift, token),
  );
  return (
    <section class="card narrow">
      <h1>{t("checkin.title")}</h1>
      <Switch>
        <Match when={!params.shift || !params.token}>
          <p>{t("checkin.noCode")}</p>
        </Match>
        <Match when={result.loading}>
          <p role="status">{t("checkin.working")}</p>
        </Match>
        <Match when={result.error}>
          <div role="alert">
            <p class="form-error big">{unreadable(result.error) ? t("checkin.unreadable") : errorText(result.error)}</p>
            <p>{nextStep(result.error)}</p>
          </div>
          <div class="actions">
            <Show when={retryable(result.error)}>
              <button type="button" class="primary" onClick={() => void refetch()}>
                {t("checkin.retry")}
              </button>
            </Show>
            <A class="button" href="/me/shifts">
              {t("volunteerNav.myShifts")}
            </A>
          </div>
        </Match>
        <Match when={result.state === "ready" && result()}>
          {(r) => (
            <>
              <p class="notice big" role="status">
                {r().checkOutAt
                  ? t("checkin.checkedOut", { title: r().title })
                  : r().alreadyIn
                    ? t("checkin.alreadyIn", { title: r().title, time: formatTime(r().checkInAt, false) })
                    : t("checkin.checkedIn", { title: r().title })}
              </p>
              <Show when={!r().checkOutAt && !r().alreadyIn}>
                <p class="muted">{t("checkin.again")}</p>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
