import { useNavigate } from "@solidjs/router";
import { certificatesApi } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { todayInShanghai } from "../lib/time";
import { Field, FormError } from "./Field";

addPageTexts(zhPages);

/**
 * 开具志愿服务证明: a period (this year so far by default) whose confirmed hours are
 * certified; the volunteer's own, or one staff issue for them. Opens the print page.
 */
export function CertificateForm(props: { userId: number; own: boolean }) {
  const navigate = useNavigate();
  const form = createForm();
  const today = todayInShanghai();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const { from = "", to = "" } = formValues(e.currentTarget as HTMLFormElement);
    const period = { from, to };
    await form.submit(async () => {
      const issued = await (props.own
        ? certificatesApi.issueOwn(period)
        : certificatesApi.issueFor(props.userId, period));
      navigate(`/certificates/${issued.id}`);
    });
  };
  return (
    <form class="card" onSubmit={onSubmit} novalidate aria-labelledby="certificate-heading">
      <h2 id="certificate-heading">{t("certificate.issue")}</h2>
      <p class="muted">{t("certificate.intro")}</p>
      <div class="row">
        <Field
          label={t("fields.from")}
          name="from"
          type="date"
          value={`${today.slice(0, 4)}-01-01`}
          max={today}
          required
          error={form.error("from")}
        />
        <Field
          label={t("fields.to")}
          name="to"
          type="date"
          value={today}
          max={today}
          required
          error={form.error("to")}
        />
      </div>
      <FormError message={form.formError()} />
      <button type="submit" class="primary" disabled={form.busy()}>
        {t("certificate.submit")}
      </button>
    </form>
  );
}
