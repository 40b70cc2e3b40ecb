import { useNavigate } from "@solidjs/router";
import { Show, createSignal, onCleanup, onMount } from "solid-js";
import { queueScan } from "../lib/checkin-queue";
import { addPageTexts, t } from "../lib/i18n";
import { zhScan } from "../i18n/zh-scan";
import { qrReader, readScanned } from "../lib/qr-decode";
import { Field } from "./Field";
import { ScanStatus } from "./ScanStatus";

addPageTexts(zhScan);

/** A frame is read this often: fast enough to feel instant, slow enough for an old phone's battery. */
const FRAME_EVERY_MS = 250;

/**
 * 扫一扫 inside the app: the camera's picture, read for QR codes in the page. A check-in
 * code is queued with the time of the scan (sent at once when there is a signal); a
 * pickup code or a notice opens its page. With no camera or no permission, the
 * volunteer types the 6-digit code on the organiser's screen instead.
 */
export default function Scanner(props: { userId: number; shiftId?: number | undefined; onClose: () => void }) {
  const navigate = useNavigate();
  const [problem, setProblem] = createSignal("");
  const [typing, setTyping] = createSignal(false);
  const [scanId, setScanId] = createSignal<string | null>(null);
  const [code, setCode] = createSignal("");
  const [codeError, setCodeError] = createSignal("");
  let video!: HTMLVideoElement;
  let stream: MediaStream | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(timer);
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
  };
  const fallBack = (message: string) => {
    stop();
    setProblem(message);
    setTyping(true);
  };
  const handle = (text: string) => {
    const scanned = readScanned(text, location.origin);
    if (scanned.kind === "unknown") return setProblem(t("scan.notOurs"));
    stop();
    // In place of the scanner, so going back leads where the person came from.
    if (scanned.kind === "page") return navigate(scanned.path, { replace: true });
    setScanId(queueScan({ userId: props.userId, shiftId: scanned.shiftId, token: scanned.token }));
  };
  const start = async () => {
    if (!navigator.mediaDevices?.getUserMedia) return fallBack(t("scan.noCamera"));
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (error) {
      const denied = error instanceof DOMException && error.name === "NotAllowedError";
      return fallBack(denied ? t("scan.denied") : t("scan.noCamera"));
    }
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    const read = await qrReader();
    const tick = async () => {
      const text = stream ? await read(video).catch(() => null) : null;
      if (text) handle(text);
      if (stream) timer = setTimeout(() => void tick(), FRAME_EVERY_MS);
    };
    void tick();
  };
  const submitCode = (event: SubmitEvent) => {
    event.preventDefault();
    // Full-width digits (a Chinese keyboard's １２３) are the same code.
    const digits = code()
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(/\s/g, "");
    if (!/^\d{6}$/.test(digits)) return setCodeError(t("scan.codeSixDigits"));
    setCodeError("");
    setScanId(queueScan({ userId: props.userId, shiftId: props.shiftId, code: digits }));
  };
  onMount(() => void start());
  onCleanup(stop);

  return (
    <section class="card scanner" aria-labelledby="scanner-title">
      <h1 id="scanner-title">{t("scan.title")}</h1>
      <Show
        when={scanId()}
        fallback={
          <>
            <Show when={!typing()}>
              <p>{t("scan.aim")}</p>
              {/* The camera's own picture: no sound, nothing to caption. */}
              <video ref={video} class="scanner-video" muted playsinline aria-label={t("scan.camera")} />
            </Show>
            <Show when={problem()}>
              <p class="form-error" role="alert">
                {problem()}
              </p>
            </Show>
            <Show
              when={typing()}
              fallback={
                <button type="button" onClick={() => fallBack("")}>
                  {t("scan.typeInstead")}
                </button>
              }
            >
              <form onSubmit={submitCode}>
                <Field
                  label={t("scan.code")}
                  name="checkinCode"
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  maxLength={12}
                  hint={t("scan.codeHint")}
                  value={code()}
                  error={codeError()}
                  onInput={(e) => setCode(e.currentTarget.value)}
                />
                <button type="submit" class="primary">
                  {t("scan.submitCode")}
                </button>
              </form>
            </Show>
          </>
        }
      >
        {(id) => <ScanStatus id={id()} userId={props.userId} />}
      </Show>
      <button type="button" class="scanner-close" onClick={props.onClose}>
        {t("scan.close")}
      </button>
    </section>
  );
}
