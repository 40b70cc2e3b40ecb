import { useParams } from "@solidjs/router";
import { Show, createSignal, onCleanup, onMount } from "solid-js";
import QRCode from "qrcode";
import { volunteering } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { formatTime } from "../lib/time";

const REFRESH_MS = 30_000;

/** The organiser's screen: a QR code of the check-in link, renewed every 30 seconds. */
export default function QrScreen() {
  const params = useParams<{ id: string }>();
  const [svg, setSvg] = createSignal("");
  const [expiresAt, setExpiresAt] = createSignal("");
  const [error, setError] = createSignal("");
  const refresh = async () => {
    try {
      const { token, expiresAt: until } = await volunteering.qr(Number(params.id));
      const link = `${location.origin}/checkin?shift=${params.id}&token=${encodeURIComponent(token)}`;
      setSvg(await QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" }));
      setExpiresAt(until);
      setError("");
    } catch (e) {
      setError(errorText(e));
    }
  };
  onMount(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    onCleanup(() => clearInterval(timer));
  });
  return (
    <section class="qr-screen">
      <h1>{t("qr.title")}</h1>
      <p>{t("qr.hint")}</p>
      <Show when={error()}>
        <p class="form-error">{error()}</p>
      </Show>
      {/* The SVG comes from the qrcode library, built from our own link: no user input reaches it. */}
      <div class="qr" role="img" aria-label={t("qr.title")} innerHTML={svg()} />
      <Show when={expiresAt()}>
        <p class="muted">{t("qr.expires", { time: formatTime(expiresAt(), false) })}</p>
      </Show>
    </section>
  );
}
