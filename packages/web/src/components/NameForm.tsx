import { Show } from "solid-js";
import { createForm } from "../lib/form";
import { t } from "../lib/i18n";

/** One-field form for creating or renaming a unit; shows the API's reason when refused. */
export function NameForm(props: { label: string; initial?: string; withEstate?: boolean; onSave: (name: string, estate: string) => Promise<void>; onCancel: () => void }) {
  const form = createForm();
  let nameInput!: HTMLInputElement;
  let estateInput: HTMLInputElement | undefined;
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    await form.submit(() => props.onSave(nameInput.value.trim(), estateInput?.value.trim() ?? ""));
  };
  return (
    <form class="inline-form" onSubmit={onSubmit} aria-label={props.label}>
      <label>
        <span>{props.label}</span>
        <input ref={nameInput} name="name" value={props.initial ?? ""} maxLength={50} required aria-invalid={form.error("name") ? "true" : undefined} />
      </label>
      <Show when={props.withEstate}>
        <label>
          <span>{t("fields.estate")}</span>
          <input ref={estateInput} name="estate" maxLength={50} />
        </label>
      </Show>
      <button type="submit" class="primary" disabled={form.busy()}>
        {t("structure.save")}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t("structure.cancel")}
      </button>
      <Show when={form.error("name") ?? form.formError()}>
        {(message) => (
          <small class="field-error" role="alert">
            {message()}
          </small>
        )}
      </Show>
    </form>
  );
}
