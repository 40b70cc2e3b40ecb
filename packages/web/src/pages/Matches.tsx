import { A, useNavigate, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { requestsApi } from "../lib/api";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";

addPageTexts(zhPages);

type Part = { part: string; score: number; reason: string; detail?: number };

/** 派单: the ranked helpers, each with why — skills, distance, time, workload, record. */
export default function Matches() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [matches] = createResource(() => Number(params.id), requestsApi.matches);
  const [status, setStatus] = createSignal("");
  const assign = async (key: string) => {
    try {
      await requestsApi.assign(Number(params.id), key);
      navigate(`/requests/${params.id}`);
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const reason = (p: Part) => t(`matchReasons.${p.reason as "rated"}`, { n: p.detail ?? 0 });
  return (
    <section>
      <h1>{t("requests.matches")}</h1>
      <p>
        <A href={`/requests/${params.id}`}>{t("requests.back")}</A>
      </p>
      <p class="status" role="status">
        {status()}
      </p>
      <Show when={matches.error}>
        <p class="form-error">{errorText(matches.error)}</p>
      </Show>
      <ol class="plain" aria-label={t("requests.matches")}>
        <For each={matches()?.items}>
          {(m) => (
            <li class="card match">
              <div class="row spread">
                <strong>{m.name}</strong>
                <span class="badge">{t("requests.score", { n: Math.round(m.score * 100) })}</span>
                <button type="button" class="primary small-primary" onClick={() => assign(m.holderKey)}>
                  {t("requests.assignTo")}
                </button>
              </div>
              <ul class="plain row">
                <For each={m.parts}>
                  {(p) => (
                    <li class="chip" title={t(`matchParts.${p.part as "fit"}`)}>
                      {t("common.labelled", { label: t(`matchParts.${p.part as "fit"}`), value: reason(p) })}
                    </li>
                  )}
                </For>
              </ul>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
