import { useParams } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import QRCode from "qrcode";
import { api, ratingsApi } from "../lib/api";
import { t } from "../lib/i18n";
import { noticePeriod } from "../lib/honours";

/** The A4 notice for the community's board: title, list, period, how to object, and a QR code to the online notice. */
export default function NoticePrint() {
  const params = useParams<{ id: string; cycleId: string }>();
  const [notice] = createResource(async () => (await ratingsApi.notices(Number(params.id))).items.find((n) => n.cycleId === Number(params.cycleId)) ?? null);
  const [community] = createResource(async () => (await api.communities()).find((c) => c.id === Number(params.id))?.name ?? "");
  const [qr] = createResource(() => QRCode.toString(`${location.origin}/notices/${params.id}`, { type: "svg", margin: 1, errorCorrectionLevel: "M" }));
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
                    <td>{entry.stars.join("、")}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <p>{t("notices.how")}</p>
          <div class="print-foot">
            {/* The SVG comes from the qrcode library, built from our own link: no user input reaches it. */}
            <div class="qr print-qr" role="img" aria-label={t("notices.scan")} innerHTML={qr() ?? ""} />
            <p>{t("notices.scan")}</p>
            <p class="issuer">{t("notices.issuer", { community: community() ?? "" })}</p>
          </div>
          <button type="button" class="no-print" onClick={() => window.print()}>
            {t("notices.print")}
          </button>
        </article>
      )}
    </Show>
  );
}
