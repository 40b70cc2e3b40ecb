import { Show } from "solid-js";

/** What the last act on a panel came to: said politely when it went through, as an alert when it did not. */
export function Outcome(props: { status: string; error: string }) {
  return (
    <>
      <p class="status" role="status" aria-live="polite">
        {props.status}
      </p>
      <Show when={props.error}>
        <p class="form-error" role="alert">
          {props.error}
        </p>
      </Show>
    </>
  );
}
