import { For, Match, Show, Switch } from "solid-js";
import { ApiError } from "../lib/api";
import {
  answerOf,
  dismissScan,
  errorOf,
  queuedScans,
  sendQueued,
  sendingId,
  type QueuedScan,
  type ScanAnswer,
} from "../lib/checkin-queue";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhScan } from "../i18n/zh-scan";
import { me } from "../lib/session";
import { formatTime } from "../lib/time";

addPageTexts(zhScan);

/** 签到成功 / 签退成功 / 已签到 / 这个码已用过, in words for the volunteer. */
function answerText(answer: ScanAnswer): string {
  if (!("result" in answer)) return t("errors.checkin_token_used");
  const { result } = answer;
  if (result.checkOutAt) return t("checkin.checkedOut", { title: result.title });
  if (result.alreadyIn)
    return t("checkin.alreadyIn", { title: result.title, time: formatTime(result.checkInAt, false) });
  return t("checkin.checkedIn", { title: result.title });
}

/** A link no QR code of ours makes (cut short, mistyped, another shift's): the reader needs a new scan, not a form's advice. */
const unreadable = (error: unknown) =>
  error instanceof ApiError && (error.code === "invalid_input" || error.reason === "not_found");

/** What to do after a refused scan: a renewed QR for an old or broken one, nothing more once checked out, else ask. */
function nextStep(error: ApiError | undefined): string {
  const reason = error?.reason;
  if (reason === "invalid_token" || reason === "invalid_code" || unreadable(error)) return t("checkin.scanAgain");
  if (reason === "already_checked_out") return t("checkin.allDone");
  return t("checkin.askOrganiser");
}

/** What became of one scan: accepted, on its way, waiting for a signal (待同步), or refused with what to do. */
export function ScanStatus(props: { id: string; userId: number }) {
  const queued = () => queuedScans(props.userId).find((s) => s.id === props.id);
  return (
    <Switch>
      <Match when={answerOf(props.id)}>
        {(answer) => (
          <p class="notice big" role="status">
            {answerText(answer())}
          </p>
        )}
      </Match>
      <Match when={queued()}>{(scan) => <QueuedLine scan={scan()} />}</Match>
    </Switch>
  );
}

function QueuedLine(props: { scan: QueuedScan }) {
  const error = () => errorOf(props.scan);
  const scannedAt = () => formatTime(new Date(props.scan.scannedAtMs).toISOString(), false);
  return (
    <Switch>
      <Match when={props.scan.state === "refused"}>
        <div role="alert">
          <p class="form-error big">{unreadable(error()) ? t("checkin.unreadable") : errorText(error())}</p>
          <p>{nextStep(error())}</p>
          <button type="button" onClick={() => dismissScan(props.scan.id)}>
            {t("scan.dismiss")}
          </button>
        </div>
      </Match>
      <Match when={sendingId() === props.scan.id}>
        <p role="status">{t("checkin.working")}</p>
      </Match>
      <Match when={true}>
        <div class="notice" role="status">
          <p>
            <strong>{t("scan.waiting")}</strong> {t("scan.waitingHint", { time: scannedAt() })}
          </p>
          <button type="button" onClick={() => void sendQueued(props.scan.userId)}>
            {t("checkin.retry")}
          </button>
        </div>
      </Match>
    </Switch>
  );
}

/** The person's scans not yet accepted, on the home page and 我的班次: each says 待同步 or why it was refused. */
export function QueuedScans() {
  const mine = () => {
    const user = me()?.user;
    return user ? queuedScans(user.id) : [];
  };
  return (
    <Show when={mine().length > 0}>
      <section class="card" aria-labelledby="queued-scans">
        <h2 id="queued-scans">{t("scan.queuedTitle", { n: mine().length })}</h2>
        <ul class="plain">
          <For each={mine()}>
            {(scan) => (
              <li>
                <QueuedLine scan={scan} />
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
