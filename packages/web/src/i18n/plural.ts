const english = new Intl.PluralRules("en");

/**
 * The English form for a count, chosen by Intl.PluralRules: "1 place left",
 * "3 places left". `#` stands for the count (or `shown`, e.g. "1.5").
 */
export function plural(n: number, forms: { one: string; other: string }, shown: number | string = n): string {
  const form = english.select(n) === "one" ? forms.one : forms.other;
  return form.replaceAll("#", String(shown));
}
