import { useParams } from "@solidjs/router";
import { Show, createEffect, createMemo, createSignal, onCleanup, onMount } from "solid-js";
import QRCode from "qrcode";
import { Field } from "../components/Field";
import { volunteering } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhScan } from "../i18n/zh-scan";
import { formatTime } from "../lib/time";

addPageTexts(zhScan);

type Window = Awaited<ReturnType<typeof volunteering.qr>>["codes"][number];

/** The windows are fetched ahead; asking again each minute keeps them ahead while there is a signal. */
const FETCH_EVERY_MS = 60_000;
const WINDOW_MS = 30_000;

/**
 * The organiser's screen: a QR code of the check-in link and its 6-digit code, renewed
 * every 30 seconds from windows fetched ahead, so it keeps renewing on the server's time
 * through a dead signal; and checking in someone without a phone.
 */
export default function QrScreen() {
  const params = useParams<{ id: string }>();
  const [windows, setWindows] = createSignal<Window[]>([]);
  const [offsetMs, setOffsetMs] = createSignal(0);
  const [nowMs, setNowMs] = createSignal(Date.now());
  const [error, setError] = createSignal("");
  const [offline, setOffline] = createSignal(false);
  const fetchAhead = async () => {
    try {
      const answer = await volunteering.qr(Number(params.id));
      setOffsetMs(Date.parse(answer.now) - Date.now());
      setWindows(answer.codes);
      setError("");
      setOffline(false);
    } catch (e) {
      setOffline(windows().length > 0);
      if (windows().length === 0) setError(errorText(e));
    }
  };
  const current = createMemo(() => {
    const serverNow = nowMs() + offsetMs();
    return windows().find((w) => Date.parse(w.showFrom) <= serverNow && serverNow < Date.parse(w.showFrom) + WINDOW_MS);
  });
  const minutesLeft = () => {
    const last = windows().at(-1);
    return last ? Math.max(0, Math.floor((Date.parse(last.showFrom) + WINDOW_MS - nowMs() - offsetMs()) / 60_000)) : 0;
  };
  const link = () => {
    const w = current();
    return w && `${location.origin}/checkin?shift=${params.id}&token=${encodeURIComponent(w.token)}`;
  };
  const [svg, setSvg] = createSignal("");
  createEffect(() => {
    const url = link();
    if (url) void QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then(setSvg);
    else setSvg("");
  });
  onMount(() => {
    void fetchAhead();
    const fetching = setInterval(() => void fetchAhead(), FETCH_EVERY_MS);
    const ticking = setInterval(() => setNowMs(Date.now()), 1_000);
    onCleanup(() => {
      clearInterval(fetching);
      clearInterval(ticking);
    });
  });
  return (
    <section class="qr-screen">
      <h1>{t("qr.title")}</h1>
      <p>{t("qr.hint")}</p>
      <Show when={error()}>
        <p class="form-error">{error()}</p>
      </Show>
      <Show when={offline()}>
        <p class="notice" role="status">
          {current() ? t("qr.offline", { n: minutesLeft() }) : t("qr.needSignal")}
        </p>
      </Show>
      {/* The SVG comes from the qrcode library, built from our own link: no user input reaches it. */}
      <div class="qr" role="img" aria-label={t("qr.title")} innerHTML={svg()} />
      <Show when={current()}>
        {(w) => (
          <>
            <p class="checkin-code" aria-label={`${t("qr.code")} ${w().code.split("").join(" ")}`}>
              <span class="muted">{t("qr.code")}</span> {w().code.slice(0, 3)} {w().code.slice(3)}
            </p>
            <p class="muted">{t("qr.codeHint")}</p>
            <p class="muted">{t("qr.expires", { time: formatTime(w().expiresAt, false) })}</p>
          </>
        )}
      </Show>
      <ByPhone shiftId={Number(params.id)} />
    </section>
  );
}

/** 没带手机的志愿者: found by name and the last four digits of their phone, checked in by the organiser (audited). */
function ByPhone(props: { shiftId: number }) {
  const form = createForm();
  const [done, setDone] = createSignal("");
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const target = event.currentTarget as HTMLFormElement;
    const { name = "", phoneLast4 = "" } = formValues(target);
    setDone("");
    void form.submit(async () => {
      const marked = await volunteering.checkInByPhone(props.shiftId, { name, phoneLast4 });
      setDone(t("qr.checkedInPerson", { name, time: formatTime(marked.checkInAt, false) }));
      target.reset();
    });
  };
  return (
    <form class="card by-phone" onSubmit={submit} aria-labelledby="by-phone-title">
      <h2 id="by-phone-title">{t("qr.byPhone")}</h2>
      <p class="muted">{t("qr.byPhoneHint")}</p>
      <Field label={t("qr.name")} name="name" autocomplete="off" error={form.error("name")} />
      <Field
        label={t("qr.phoneLast4")}
        name="phoneLast4"
        inputmode="numeric"
        maxLength={4}
        autocomplete="off"
        error={form.error("phoneLast4")}
      />
      <Show when={form.formError()}>
        <p class="form-error" role="alert">
          {form.formError()}
        </p>
      </Show>
      <Show when={done()}>
        <p class="notice" role="status">
          {done()}
        </p>
      </Show>
      <button type="submit" class="primary" disabled={form.busy()}>
        {t("qr.checkInPerson")}
      </button>
    </form>
  );
}
