import { A } from "@solidjs/router";
import { t } from "../lib/i18n";

/**
 * 忘记密码: no SMS here, so the way back is through the people who know the
 * resident. The page asks for nothing and so tells nothing about whether an
 * account exists.
 */
export default function ForgotPassword() {
  return (
    <section class="card narrow">
      <h1>{t("forgot.title")}</h1>
      <p>{t("forgot.ask")}</p>
      <p>{t("forgot.then")}</p>
      <A class="button primary" href="/login">
        {t("forgot.back")}
      </A>
    </section>
  );
}
