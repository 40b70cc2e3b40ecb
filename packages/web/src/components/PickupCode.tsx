import { createResource } from "solid-js";
import QRCode from "qrcode";
import { t } from "../lib/i18n";

/** A pickup code in large digits and as a QR code the desk can scan (it opens the desk with the code filled in). */
export function PickupCode(props: { code: string; communityId: number }) {
  const link = () => `${location.origin}/store/${props.communityId}/desk?code=${props.code}`;
  const [svg] = createResource(link, (url) =>
    QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
  );
  return (
    <div class="pickup">
      <p class="muted">{t("points.code")}</p>
      <p
        class="pickup-code"
        data-testid="pickup-code"
        aria-label={`${t("points.code")} ${props.code.split("").join(" ")}`}
      >
        {props.code.slice(0, 4)} {props.code.slice(4)}
      </p>
      {/* The SVG comes from the qrcode library, built from our own link: no user input reaches it. */}
      <div class="qr small-qr" role="img" aria-label={t("points.showCode")} innerHTML={svg() ?? ""} />
    </div>
  );
}
