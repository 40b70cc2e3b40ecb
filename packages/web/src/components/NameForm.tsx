import { For, Show } from "solid-js";
import { COMMUNITY_KINDS, type CommunityKind } from "@tongxin/core";
import { createForm } from "../lib/form";
import { t } from "../lib/i18n";

type Props = {
  label: string;
  initial?: string;
  withEstate?: boolean;
  /** A new community: staff say whether it is a 社区 or a 村 (the name need not tell). */
  withKind?: boolean;
  onSave: (name: string, estate: string, kind: CommunityKind) => Promise<void>;
  onCancel: () => void;
};

/** One-field form for creating or renaming a unit; shows the API's reason when refused. */
export function NameForm(props: Props) {
  const form = createForm();
  let nameInput!: HTMLInputElement;
  let estateInput: HTMLInputElement | undefined;
  let kindSelect: HTMLSelectElement | undefined;
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    await form.submit(() =>
      props.onSave(
        nameInput.value.trim(),
        estateInput?.value.trim() ?? "",
        (kindSelect?.value ?? "community") as CommunityKind,
      ),
    );
  };
  return (
    <form class="inline-form" onSubmit={onSubmit} aria-label={props.label}>
      <label>
        <span>{props.label}</span>
        <input
          ref={nameInput}
          name="name"
          value={props.initial ?? ""}
          maxLength={50}
          required
          aria-invalid={form.error("name") ? "true" : undefined}
        />
      </label>
      <Show when={props.withKind}>
        <label>
          <span>{t("fields.kind")}</span>
          <select ref={kindSelect} name="kind">
            <For each={COMMUNITY_KINDS}>{(kind) => <option value={kind}>{t(`kinds.${kind}`)}</option>}</For>
          </select>
        </label>
      </Show>
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
