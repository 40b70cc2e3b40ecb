import { useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal, type JSX } from "solid-js";
import {
  MAJORITY_BASES,
  STEP_KEYS,
  type BuiltInProcedure,
  type MajorityBase,
  type MeetingBody,
  type MeetingRule,
  type StepKey,
} from "@tongxin/core";
import { Field, FormError, SelectField } from "../components/Field";
import { LoadError } from "../components/LoadError";
import { api, meetingsApi, topicsApi, type Account } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";

addPageTexts(zhPages);

/** One part of the page: its heading, and its content once loaded, or what went wrong with a way to retry. */
function SettingsSection(props: { title: string; error: unknown; onRetry: () => unknown; children: JSX.Element }) {
  return (
    <section>
      <h2>{props.title}</h2>
      <Show when={!props.error} fallback={<LoadError error={props.error} onRetry={() => void props.onRetry()} />}>
        {props.children}
      </Show>
    </section>
  );
}

type Procedure = { code: BuiltInProcedure; steps: readonly StepKey[]; commentDays: number; noticeWorkingDays: number };

/** The steps of one procedure in order, each movable and removable. */
/** A settings form's end: its refusal, "saved" once it is, and its save button (a submit unless `onSave` is given). */
function SaveFooter(props: {
  error: string | null;
  saved: boolean;
  busy: boolean;
  label: string;
  onSave?: () => unknown;
}) {
  return (
    <>
      <FormError message={props.error} />
      <Show when={props.saved}>
        <p role="status">{t("deliberationSettings.saved")}</p>
      </Show>
      <button
        type={props.onSave ? "button" : "submit"}
        class="primary"
        disabled={props.busy}
        onClick={() => props.onSave?.()}
      >
        {props.label}
      </button>
    </>
  );
}

function StepList(props: { name: string; steps: StepKey[]; onChange: (steps: StepKey[]) => void }) {
  const move = (from: number, to: number) => {
    const next = [...props.steps];
    const [step] = next.splice(from, 1);
    if (step) next.splice(to, 0, step);
    props.onChange(next);
  };
  return (
    <ol aria-label={t("deliberationSettings.stepsOf", { name: props.name })}>
      <For each={props.steps}>
        {(step, i) => {
          const label = t(`deliberation.steps.${step}`);
          return (
            <li class="row">
              <span>{label}</span>
              <button type="button" disabled={i() === 0} onClick={() => move(i(), i() - 1)}>
                {t("deliberationSettings.up", { step: label })}
              </button>
              <button type="button" disabled={i() === props.steps.length - 1} onClick={() => move(i(), i() + 1)}>
                {t("deliberationSettings.down", { step: label })}
              </button>
              <button type="button" onClick={() => props.onChange(props.steps.filter((_, j) => j !== i()))}>
                {t("deliberationSettings.remove", { step: label })}
              </button>
            </li>
          );
        }}
      </For>
    </ol>
  );
}

/** 议事规则 of one kind of topic: its steps, comment days and notice working days. */
function ProcedureForm(props: { communityId: number; procedure: Procedure }) {
  const form = createForm();
  const [steps, setSteps] = createSignal<StepKey[]>([...props.procedure.steps]);
  const [adding, setAdding] = createSignal<StepKey>("consult");
  const [saved, setSaved] = createSignal(false);
  const name = t(`deliberation.procedures.${props.procedure.code}`);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    setSaved(false);
    const v = formValues(e.currentTarget as HTMLFormElement);
    const done = await form.submit(async () => {
      await topicsApi.setProcedure(props.communityId, props.procedure.code, {
        steps: steps(),
        commentDays: Number(v.commentDays),
        noticeWorkingDays: Number(v.noticeWorkingDays),
      });
    });
    setSaved(done);
  };
  return (
    <form class="card" onSubmit={onSubmit} novalidate aria-label={name}>
      <h3>{name}</h3>
      <StepList name={name} steps={steps()} onChange={setSteps} />
      <div class="row">
        <SelectField
          label={t("deliberationSettings.step")}
          name="step"
          value={adding()}
          onChange={(e) => setAdding(e.currentTarget.value as StepKey)}
        >
          <For each={STEP_KEYS}>{(key) => <option value={key}>{t(`deliberation.steps.${key}`)}</option>}</For>
        </SelectField>
        <button type="button" onClick={() => setSteps([...steps(), adding()])}>
          {t("deliberationSettings.addStep")}
        </button>
      </div>
      <Field
        label={t("deliberationSettings.commentDays")}
        name="commentDays"
        type="number"
        min={1}
        value={props.procedure.commentDays}
        error={form.error("commentDays")}
      />
      <Field
        label={t("deliberationSettings.noticeWorkingDays")}
        name="noticeWorkingDays"
        type="number"
        min={1}
        value={props.procedure.noticeWorkingDays}
        error={form.error("noticeWorkingDays")}
      />
      <SaveFooter
        error={form.formError()}
        saved={saved()}
        busy={form.busy()}
        label={t("deliberationSettings.save", { name })}
      />
    </form>
  );
}

function Procedures(props: { communityId: number }) {
  const [list, { refetch }] = createResource(() => props.communityId, topicsApi.procedures);
  return (
    <SettingsSection title={t("deliberationSettings.procedures")} error={list.error} onRetry={refetch}>
      <For each={list()?.items}>{(p) => <ProcedureForm communityId={props.communityId} procedure={p} />}</For>
    </SettingsSection>
  );
}

type Rep = { userId: number; name: string };

/** Residents of the community found by name or phone, each with a button to add them as a representative. */
function RepSearch(props: { communityId: number; onPick: (rep: Rep) => void }) {
  const [q, setQ] = createSignal("");
  const [found] = createResource(
    () => (q() ? { communityId: props.communityId, q: q() } : false),
    (query) => api.accounts(query),
  );
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    setQ(formValues(e.currentTarget as HTMLFormElement).q ?? "");
  };
  return (
    <form onSubmit={onSubmit} novalidate aria-label={t("deliberationSettings.findResident")}>
      <Field label={t("deliberationSettings.findResident")} name="q" maxLength={40} />
      <button type="submit">{t("deliberationSettings.find")}</button>
      <Show when={found.error}>
        <LoadError error={found.error} />
      </Show>
      <ul class="plain" aria-label={t("deliberationSettings.found")}>
        <For each={found()?.items}>
          {(a: Account) => (
            <li class="row">
              <span>{a.name}</span>
              <button type="button" onClick={() => props.onPick({ userId: a.id, name: a.name })}>
                {t("deliberationSettings.addRep", { name: a.name })}
              </button>
            </li>
          )}
        </For>
      </ul>
    </form>
  );
}

/** 居民代表: the list, added to from a search of the community's residents, saved whole. */
function ResidentReps(props: { communityId: number }) {
  const form = createForm();
  const [loaded, { refetch }] = createResource(() => props.communityId, meetingsApi.residentReps);
  const [edited, setEdited] = createSignal<Rep[]>();
  const [saved, setSaved] = createSignal(false);
  const reps = () => edited() ?? loaded()?.items ?? [];
  const change = (next: Rep[]) => (setSaved(false), setEdited(next));
  const pick = (rep: Rep) => reps().some((r) => r.userId === rep.userId) || change([...reps(), rep]);
  const save = async () => {
    const ids = reps().map((r) => r.userId);
    setSaved(await form.submit(() => meetingsApi.setResidentReps(props.communityId, ids).then(() => undefined)));
  };
  return (
    <SettingsSection title={t("deliberationSettings.reps")} error={loaded.error} onRetry={refetch}>
      <ul class="plain" aria-label={t("deliberationSettings.reps")}>
        <For each={reps()} fallback={<li class="muted">{t("deliberationSettings.noReps")}</li>}>
          {(rep) => (
            <li class="row">
              <span>{rep.name}</span>
              <button type="button" onClick={() => change(reps().filter((r) => r.userId !== rep.userId))}>
                {t("deliberationSettings.removeRep", { name: rep.name })}
              </button>
            </li>
          )}
        </For>
      </ul>
      <RepSearch communityId={props.communityId} onPick={pick} />
      <SaveFooter
        error={form.formError()}
        saved={saved()}
        busy={form.busy()}
        label={t("deliberationSettings.saveReps")}
        onSave={save}
      />
    </SettingsSection>
  );
}

/** A share as numerator / denominator and whether it must be exceeded. */
function ShareFields(props: { name: "quorum" | "majority"; share: MeetingRule["quorum"]; error?: string }) {
  return (
    <fieldset>
      <legend>{t(`deliberationSettings.${props.name}`)}</legend>
      <div class="row">
        <Field
          label={t("deliberationSettings.numerator")}
          name={`${props.name}Numerator`}
          type="number"
          min={0}
          value={props.share.numerator}
          error={props.error}
        />
        <Field
          label={t("deliberationSettings.denominator")}
          name={`${props.name}Denominator`}
          type="number"
          min={1}
          value={props.share.denominator}
        />
      </div>
      <label class="check">
        <input type="checkbox" name={`${props.name}Strict`} checked={props.share.strict} />
        <span>{t("deliberationSettings.strict")}</span>
      </label>
    </fieldset>
  );
}

const shareOf = (v: Record<string, string>, name: string) => ({
  numerator: Number(v[`${name}Numerator`]),
  denominator: Number(v[`${name}Denominator`]),
  strict: v[`${name}Strict`] === "on",
});

/** 会议规则 of one body, prefilled with its current rule. */
function RuleForm(props: { communityId: number; body: MeetingBody; rule: MeetingRule }) {
  const form = createForm();
  const [saved, setSaved] = createSignal(false);
  const name = t(`deliberation.bodies.${props.body}`);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    setSaved(false);
    const v = formValues(e.currentTarget as HTMLFormElement);
    const rule: MeetingRule = {
      quorum: shareOf(v, "quorum"),
      quorumMin: Number(v.quorumMin),
      quorumSeat: props.rule.quorumSeat,
      majority: shareOf(v, "majority"),
      majorityBase: v.majorityBase as MajorityBase,
      proposerExcluded: v.proposerExcluded === "on",
    };
    setSaved(await form.submit(() => meetingsApi.setRule(props.communityId, props.body, rule).then(() => undefined)));
  };
  return (
    <form class="card" onSubmit={onSubmit} novalidate aria-label={name}>
      <h3>{name}</h3>
      <ShareFields name="quorum" share={props.rule.quorum} error={form.error("quorum.numerator")} />
      <Field
        label={t("deliberationSettings.quorumMin")}
        name="quorumMin"
        type="number"
        min={0}
        value={props.rule.quorumMin}
        error={form.error("quorumMin")}
      />
      <ShareFields name="majority" share={props.rule.majority} error={form.error("majority.numerator")} />
      <SelectField label={t("deliberationSettings.majorityBase")} name="majorityBase" value={props.rule.majorityBase}>
        <For each={MAJORITY_BASES}>{(b) => <option value={b}>{t(`deliberationSettings.bases.${b}`)}</option>}</For>
      </SelectField>
      <label class="check">
        <input type="checkbox" name="proposerExcluded" checked={props.rule.proposerExcluded} />
        <span>{t("deliberationSettings.proposerExcluded")}</span>
      </label>
      <SaveFooter
        error={form.formError()}
        saved={saved()}
        busy={form.busy()}
        label={t("deliberationSettings.save", { name })}
      />
    </form>
  );
}

function Rules(props: { communityId: number }) {
  const [list, { refetch }] = createResource(() => props.communityId, meetingsApi.rules);
  return (
    <SettingsSection title={t("deliberationSettings.rules")} error={list.error} onRetry={refetch}>
      <For each={list()?.items}>{(r) => <RuleForm communityId={props.communityId} body={r.body} rule={r.rule} />}</For>
    </SettingsSection>
  );
}

/** Staff set their community's procedures per kind of topic, its residents' representatives and its meeting rules. */
export default function DeliberationSettings() {
  const params = useParams<{ id: string }>();
  const communityId = () => Number(params.id);
  return (
    <section>
      <h1>{t("deliberationSettings.title")}</h1>
      <Procedures communityId={communityId()} />
      <ResidentReps communityId={communityId()} />
      <Rules communityId={communityId()} />
    </section>
  );
}
