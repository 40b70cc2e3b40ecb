import { createSignal } from "solid-js";
import { ApiError, type FieldIssue } from "./api";
import { errorText, issueText } from "./i18n";

/**
 * Submission state for a form: field errors from the API's issues (translated),
 * one form-level message, and a busy flag that blocks double submits.
 * `ownText` gives a form's own sentence for an issue (its labels, its limits); undefined falls back to the shared one.
 */
export function createForm(ownText?: (issue: FieldIssue) => string | undefined) {
  const [fieldErrors, setFieldErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function submit(action: () => Promise<void>): Promise<boolean> {
    if (busy()) return false;
    setBusy(true);
    setFieldErrors({});
    setFormError(null);
    try {
      await action();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        setFieldErrors(
          Object.fromEntries(error.issues.map((issue) => [issue.path, ownText?.(issue) ?? issueText(issue)])),
        );
      }
      setFormError(errorText(error));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { fieldErrors, formError, busy, submit, error: (field: string) => fieldErrors()[field] };
}

/** Reads a form's named inputs as strings. */
export const formValues = (form: HTMLFormElement): Record<string, string> =>
  Object.fromEntries(Array.from(new FormData(form).entries()).map(([k, v]) => [k, String(v).trim()]));
