import { useParams } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import QRCode from "qrcode";
import { certificatesApi } from "../lib/api";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { listText } from "../lib/punctuation";
import { formatDay, hoursOf } from "../lib/time";

addPageTexts(zhPages);

/** The public page that checks a certificate, as its QR code and printed link name it. */
const verifyUrl = (code: string) => `${location.origin}/verify/${code}`;

/** 志愿服务证明 on A4: the certified facts, the activities, the issuing community and date, and a QR code to its verification. */
export default function CertificatePrint() {
  const params = useParams<{ id: string }>();
  const [certificate] = createResource(() => Number(params.id), certificatesApi.get);
  const [qr] = createResource(
    () => certificate()?.code,
    (code) => QRCode.toString(verifyUrl(code), { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
  );
  return (
    <>
      <Show when={certificate.error}>
        <p class="form-error">{errorText(certificate.error)}</p>
      </Show>
      <Show when={certificate()}>
        {(c) => (
          <article class="a4 certificate" data-testid="certificate">
            <h1>{t("certificate.title")}</h1>
            <p class="certificate-body">
              {t("certificate.body", {
                name: c().name,
                from: c().from,
                to: c().to,
                community: c().community,
                n: c().activityCount,
                hours: c().hours,
              })}
            </p>
            <table class="print-list">
              <thead>
                <tr>
                  <th scope="col">{t("certificate.activity")}</th>
                  <th scope="col">{t("certificate.dates")}</th>
                  <th scope="col">{t("certificate.hours")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={c().activities}>
                  {(a) => (
                    <tr>
                      <td>{a.title}</td>
                      <td>{listText(a.dates)}</td>
                      <td>{hoursOf(a.minutes)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p class="certificate-body">{t("certificate.closing")}</p>
            <div class="print-foot">
              {/* The SVG comes from the qrcode library, built from our own link: no user input reaches it. */}
              <div class="qr print-qr" role="img" aria-label={t("certificate.scan")} innerHTML={qr() ?? ""} />
              <p>{t("certificate.scan")}</p>
              <p data-testid="certificate-code">{t("certificate.code", { code: c().code })}</p>
              <p class="small-text">{verifyUrl(c().code)}</p>
              <p class="issuer">{t("certificate.issuer", { community: c().community })}</p>
              <p class="issuer">{formatDay(c().issuedAt)}</p>
            </div>
            <button type="button" class="no-print" onClick={() => window.print()}>
              {t("certificate.print")}
            </button>
          </article>
        )}
      </Show>
    </>
  );
}
