import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { ratingsApi } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { smallPhoto } from "../lib/photo";
import { Field, FormError, SelectField } from "../components/Field";
import { must } from "@tongxin/core";

addPageTexts(zhPages);

type Route = "self" | "gridWorker" | "teamLeader" | "partyBranch" | "committee";

/** 申请或提名: choose whom (yourself, your household, or someone you may put forward), say why per star, add evidence. */
export default function Nominate() {
  const params = useParams<{ id: string }>();
  const cycleId = () => Number(params.id);
  const [q, setQ] = createSignal("");
  const [candidates] = createResource(
    () => ({ id: cycleId(), q: q() }),
    ({ id, q: text }) => ratingsApi.candidates(id, text),
  );
  const [key, setKey] = createSignal("");
  const chosen = () => candidates()?.items.find((c) => c.key === key()) ?? candidates()?.items[0];
  const form = createForm();
  const [done, setDone] = createSignal("");
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const v = formValues(element);
    const statements = Object.fromEntries(
      Object.entries(v)
        .filter(([k, text]) => k.startsWith("star-") && text)
        .map(([k, text]) => [k.slice(5), text]),
    );
    const file = (element.elements.namedItem("photo") as HTMLInputElement).files?.[0];
    const ok = await form.submit(async () => {
      const made = await ratingsApi.nominate(cycleId(), {
        subjectKey: must(chosen()).key,
        route: (v.route as Route) || must(must(chosen()).routes[0]),
        statements,
        evidenceText: v.evidenceText ?? "",
      });
      if (file) await ratingsApi.addPhoto(made.id, await smallPhoto(file));
    });
    if (ok) setDone(t("nominate.done")), element.reset();
  };
  return (
    <section>
      <h1>{t("nominate.title")}</h1>
      <Show when={candidates()}>{(c) => <p class="big">{c().cycle.title}</p>}</Show>
      <Show when={candidates.error}>
        <p class="form-error">{errorText(candidates.error)}</p>
      </Show>
      <Field label={t("nominate.search")} name="q" value={q()} onChange={(e) => setQ(e.currentTarget.value)} />
      <Show when={(candidates()?.items.length ?? 0) > 0} fallback={<p class="muted">{t("nominate.noCandidates")}</p>}>
        <form class="card" onSubmit={submit}>
          <SelectField
            label={t("nominate.choose")}
            name="subject"
            value={chosen()?.key ?? ""}
            onChange={(e) => setKey(e.currentTarget.value)}
          >
            <For each={candidates()?.items}>{(c) => <option value={c.key}>{c.name}</option>}</For>
          </SelectField>
          <SelectField label={t("nominate.route")} name="route">
            <For each={chosen()?.routes}>{(r) => <option value={r}>{t(`ratings.routes.${r}`)}</option>}</For>
          </SelectField>
          <For each={candidates()?.scheme.stars}>
            {(star) => (
              <Field
                label={t("nominate.why", { star: star.name })}
                name={`star-${star.key}`}
                hint={star.criteria}
                maxLength={500}
                error={form.error(`statements.${star.key}`)}
              />
            )}
          </For>
          <Field label={t("nominate.evidenceText")} name="evidenceText" maxLength={2000} />
          <Field label={t("nominate.photo")} name="photo" type="file" accept="image/*" />
          <FormError message={form.formError()} />
          <p class="notice" role="status">
            {done()}
          </p>
          <button type="submit" class="primary" disabled={form.busy()}>
            {t("nominate.submit")}
          </button>
        </form>
      </Show>
      <A href="/ratings">{t("common.back")}</A>
    </section>
  );
}
