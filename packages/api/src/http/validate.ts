import type { Context } from "hono";
import { validator as openapiValidator } from "hono-openapi";
import * as v from "valibot";
import { errorBody, type FieldIssue } from "./errors";

type Target = "json" | "query" | "param" | "header";

/** A stable code per failed check, so the web app can say it in the user's language. */
function issueCode(issue: v.BaseIssue<unknown>): string {
  if (issue.received === "undefined") return "required";
  switch (issue.type) {
    case "strict_object":
      return "unknown_field";
    case "min_length":
    case "non_empty":
      return "too_short";
    case "max_length":
      return "too_long";
    case "min_value":
    case "max_value":
      return "out_of_range";
    case "regex":
    case "email":
      return "invalid_format";
    case "check":
      return issue.message;
    default:
      return "invalid_type";
  }
}

/**
 * The fields a failed check names. A union ("communityId or streetId") fails as one issue without a field: its
 * options' issues name them instead, their paths taken from where the union stands.
 */
function fieldIssuesOf(issue: v.BaseIssue<unknown>, prefix: readonly string[]): FieldIssue[] {
  const at = [...prefix, ...(issue.path ?? []).map((item) => String(item.key))];
  if (issue.type === "union" && issue.issues?.length)
    return issue.issues.flatMap((option) => fieldIssuesOf(option, at));
  return [{ path: at.join("."), code: issueCode(issue), message: issue.message }];
}

function toFieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  const all = issues.flatMap((issue) => fieldIssuesOf(issue, []));
  return all.filter((f, i) => all.findIndex((g) => g.path === f.path && g.code === f.code) === i);
}

/**
 * Validates one part of the request with valibot and records the schema for
 * /api/openapi.json. A failure answers 400 with every field's issue.
 */
export function valid<Schema extends v.GenericSchema, T extends Target>(target: T, schema: Schema) {
  return openapiValidator(target, schema, (result, c: Context) => {
    if (result.success) return;
    const parsed = v.safeParse(schema, result.data);
    const issues = parsed.success ? [] : toFieldIssues(parsed.issues);
    return c.json(errorBody("invalid_input", "Some fields are not valid.", { issues }), 400);
  });
}
