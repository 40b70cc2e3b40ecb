import { useParams } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import QRCode from "qrcode";
import { ratingsApi } from "../lib/api";
import { t } from "../lib/i18n";
import { listText } from "../lib/punctuation";
import { noticePeriod } from "../lib/honours";
import { formatDay } from "../lib/time";

/** The A4 notice for the community's board: title, list, period, how to object, the 监督电话, a QR code to the online notice, and the signature dated the day the notice started. */
export default function NoticePrint() {
  const params = useParams<{ id: string; cycleId: string }>();
  const [board] = createResource(async () => {
    const all = await ratingsApi.notices(Number(params.id));
    const notice = all.items.find((n) => n.cycleId === Number(params.cycleId));
    return notice ? { notice, community: all.community } : null;
  });
  const notice = () => board()?.notice;
  const [qr] = createResource(() =>
    QRCode.toString(`${location.origin}/notices/${params.id}`, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
  );
  return (
    <Show when={notice()}>
      {(n) => (
        <article class="a4" data-testid="print-notice">
          <h1>{n().title}</h1>
          <p>{noticePeriod(n())}</p>
          <table class="print-list">
            <tbody>
              <For each={n().entries}>
                {(entry, i) => (
                  <tr>
                    <td>{i() + 1}</td>
                    <td>{entry.name}</td>
                    <td>{listText(entry.stars)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <p>{t("notices.how")}</p>
          <Show when={board()?.community?.supervisionPhone}>
            {(phone) => <p data-testid="print-supervision">{t("notices.supervision", { phone: phone() })}</p>}
          </Show>
          <div class="print-foot">
            {/* The SVG comes from the qrcode library, built from our own link: no user input reaches it. */}
            <div class="qr print-qr" role="img" aria-label={t("notices.scan")} innerHTML={qr() ?? ""} />
            <p>{t("notices.scan")}</p>
            <p class="issuer">{t("notices.issuer", { community: board()?.community?.name ?? "" })}</p>
            <p class="issuer" data-testid="print-date">
              {formatDay(n().noticeStartedAt)}
            </p>
          </div>
          <button type="button" class="no-print" onClick={() => window.print()}>
            {t("notices.print")}
          </button>
        </article>
      )}
    </Show>
  );
}
