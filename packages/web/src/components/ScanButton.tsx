import { Show, Suspense, createSignal, lazy } from "solid-js";
import { t } from "../lib/i18n";
import { me } from "../lib/session";

// The camera and the QR reader load only when someone taps 扫一扫.
const Scanner = lazy(() => import("./Scanner"));

/** 扫一扫: on the home card and a shift the volunteer holds a place on (which then takes a typed code without asking which shift). */
export function ScanButton(props: { shiftId?: number }) {
  const [open, setOpen] = createSignal(false);
  return (
    <Show when={me()}>
      {(who) => (
        <Show
          when={open()}
          fallback={
            <button type="button" class="primary scan-button" onClick={() => setOpen(true)}>
              {t("scan.button")}
            </button>
          }
        >
          <Suspense fallback={<p role="status">{t("common.loading")}</p>}>
            <Scanner userId={who().user.id} shiftId={props.shiftId} onClose={() => setOpen(false)} />
          </Suspense>
        </Show>
      )}
    </Show>
  );
}
