import { A, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { ScanStatus } from "../components/ScanStatus";
import { queueScan } from "../lib/checkin-queue";
import { addPageTexts, t } from "../lib/i18n";
import { zhScan } from "../i18n/zh-scan";
import { me } from "../lib/session";
import { must } from "@tongxin/core";

addPageTexts(zhScan);

/**
 * Opened by scanning the organiser's QR code with the phone's own camera app: the scan
 * is queued with its time and sent (at once with a signal, later without), checking the
 * volunteer in, or out on a later code.
 */
export default function CheckIn() {
  const [params] = useSearchParams<{ shift?: string; token?: string }>();
  const shiftId = Number(params.shift);
  const readable = Number.isSafeInteger(shiftId) && shiftId > 0 && Boolean(params.token);
  const user = me()?.user;
  const scanId = user && readable ? queueScan({ userId: user.id, shiftId, token: params.token }) : null;
  return (
    <section class="card narrow">
      <h1>{t("checkin.title")}</h1>
      <Show
        when={params.shift || params.token}
        fallback={
          <>
            <p>{t("checkin.noCode")}</p>
            <p>{t("scan.useButton")}</p>
          </>
        }
      >
        <Show
          when={user && scanId}
          fallback={
            <div role="alert">
              <p class="form-error big">{t("checkin.unreadable")}</p>
              <p>{t("checkin.scanAgain")}</p>
            </div>
          }
        >
          {(id) => <ScanStatus id={id()} userId={must(user).id} />}
        </Show>
      </Show>
      <div class="actions">
        <A class="button" href="/me/shifts">
          {t("volunteerNav.myShifts")}
        </A>
      </div>
    </section>
  );
}
