import { Show, createUniqueId, splitProps, type JSX } from "solid-js";
import { t } from "../lib/i18n";

type Props = {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string;
} & JSX.InputHTMLAttributes<HTMLInputElement>;

/** A labelled input whose API error is announced and tied to it for screen readers. */
export function Field(props: Props) {
  const [own, input] = splitProps(props, ["label", "name", "error", "hint"]);
  // Unique on the page: two forms may both have a "name" field (a team's and a partner unit's).
  const id = `f-${own.name}-${createUniqueId()}`;
  const describedBy = () => [own.hint && `${id}-hint`, own.error && `${id}-err`].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field">
      <label for={id}>{own.label}</label>
      <input
        id={id}
        name={own.name}
        aria-invalid={own.error ? "true" : undefined}
        aria-describedby={describedBy()}
        {...input}
      />
      <Show when={own.hint}>
        <small class="hint" id={`${id}-hint`}>
          {own.hint}
        </small>
      </Show>
      <Show when={own.error}>
        <small class="field-error" id={`${id}-err`} role="alert">
          {own.error}
        </small>
      </Show>
    </div>
  );
}

type SelectProps = {
  label: string;
  name: string;
  error?: string | undefined;
  children: JSX.Element;
} & JSX.SelectHTMLAttributes<HTMLSelectElement>;

export function SelectField(props: SelectProps) {
  const [own, select] = splitProps(props, ["label", "name", "error", "children"]);
  const id = `f-${own.name}-${createUniqueId()}`;
  return (
    <div class="field">
      <label for={id}>{own.label}</label>
      <select id={id} name={own.name} aria-invalid={own.error ? "true" : undefined} {...select}>
        {own.children}
      </select>
      <Show when={own.error}>
        <small class="field-error" role="alert">
          {own.error}
        </small>
      </Show>
    </div>
  );
}

export function FormError(props: { message: string | null }) {
  return (
    <Show when={props.message}>
      <p class="form-error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}

/** A day and a time span on one row (names day, from, to), each with a visible label: date and time pickers show none of their own. */
export function DayAndTimes(props: { children?: JSX.Element }) {
  return (
    <div class="row">
      <label class="stacked">
        <span>{t("create.date")}</span>
        <input type="date" name="day" />
      </label>
      <label class="stacked">
        <span>{t("create.start")}</span>
        <input type="time" name="from" />
      </label>
      <label class="stacked">
        <span>{t("create.end")}</span>
        <input type="time" name="to" />
      </label>
      {props.children}
    </div>
  );
}
