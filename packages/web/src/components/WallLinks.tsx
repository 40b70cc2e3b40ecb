import { Show, createResource, createSignal } from "solid-js";
import QRCode from "qrcode";
import { wallsApi, type WallLink, type WallPlace } from "../lib/api";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { createPagedList } from "../lib/paged";
import { formatTime } from "../lib/time";
import { Field } from "./Field";
import { PagedTable } from "./PagedTable";
import { copyText } from "../lib/clipboard";
import { Outcome } from "./Outcome";

addPageTexts(zhPages);

/**
 * 大屏链接: make a read-only link to the place's wall for the service centre's TV (shown once, with a QR code to
 * open it on the TV), and 停用 one. The server keeps only a link's hash, so the list never shows an address.
 */
export function WallLinks(props: { place: WallPlace }) {
  // Bumped after a change: the list reloads from its first page.
  const [version, setVersion] = createSignal(0);
  const list = createPagedList(
    () => ({ place: props.place, version: version() }),
    (source, cursor?: string) => wallsApi.list(source.place, cursor),
  );
  const [url, setUrl] = createSignal<string | null>(null);
  const [svg] = createResource(url, (link) =>
    QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
  );
  const [message, setMessage] = createSignal("");
  const [error, setError] = createSignal("");
  const [pending, setPending] = createSignal(false);

  async function act(work: () => Promise<void>) {
    setError("");
    setMessage("");
    setPending(true);
    try {
      await work();
      setVersion(version() + 1);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPending(false);
    }
  }
  const create = () =>
    void act(async () => {
      setUrl(`${location.origin}${(await wallsApi.create(props.place)).path}`);
    });
  const revoke = (link: WallLink) => {
    if (!window.confirm(t("wallLinks.revokeConfirm"))) return;
    void act(async () => {
      await wallsApi.revoke(link.id);
    });
  };
  const copy = async (link: string) =>
    setMessage(t((await copyText(link)) ? "wallLinks.copied" : "wallLinks.copyFailed"));

  return (
    <section class="area" aria-labelledby="area-wall-links">
      <h2 id="area-wall-links">{t("wallLinks.title")}</h2>
      <p class="muted">{t("wallLinks.intro")}</p>
      <Show when={url()}>
        {(link) => (
          <>
            <Field label={t("wallLinks.link")} name="wall-url" value={link()} readOnly onFocus={selectAll} />
            {/* The SVG comes from the qrcode library, built from our own link: no user input reaches it. */}
            <div class="qr small-qr" role="img" aria-label={t("wallLinks.qr")} innerHTML={svg() ?? ""} />
            <p class="actions">
              <button type="button" onClick={() => void copy(link())}>
                {t("wallLinks.copy")}
              </button>
            </p>
          </>
        )}
      </Show>
      <p class="actions">
        <button type="button" class="primary" disabled={pending()} onClick={create}>
          {t("wallLinks.create")}
        </button>
      </p>
      <Outcome status={message()} error={error()} />
      <PagedTable
        list={list}
        label={t("wallLinks.title")}
        empty={t("wallLinks.none")}
        headers={[t("wallLinks.created"), t("wallLinks.creator"), t("wallLinks.state"), ""]}
        row={(link) => (
          <tr classList={{ muted: link.revokedAt !== null }} data-wall-link={link.id}>
            <td>{formatTime(link.createdAt)}</td>
            <td>{link.createdBy}</td>
            <td>
              {link.revokedAt ? t("wallLinks.revoked", { time: formatTime(link.revokedAt) }) : t("wallLinks.active")}
            </td>
            <td class="actions">
              <Show when={link.revokedAt === null}>
                <button type="button" class="danger" disabled={pending()} onClick={() => revoke(link)}>
                  {t("wallLinks.revoke")}
                </button>
              </Show>
            </td>
          </tr>
        )}
      />
    </section>
  );
}

const selectAll = (e: FocusEvent) => (e.currentTarget as HTMLInputElement).select();
