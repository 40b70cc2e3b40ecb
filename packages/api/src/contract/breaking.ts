/**
 * What a caller built on an earlier document would lose in a later one: an operation, a field it
 * reads, a parameter or field it sends, an enum value it sends. Additions break nobody. The check
 * reads both documents as plain JSON, so it compares what was released with what is served.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
export type OpenApi = { info: { version: string }; paths: Record<string, Record<string, Operation>> };

const major = (version: string) => Number(version.split(".")[0]);

/** The object shapes a schema may take, through anyOf/allOf (refs are to the shared error only). */
function shapes(schema: Schema | undefined): Schema[] {
  if (!schema) return [];
  if (schema.anyOf) return schema.anyOf.flatMap(shapes);
  if (schema.allOf) return schema.allOf.flatMap(shapes);
  return [schema];
}

/** The fields of every shape; a field in several shapes (a union's members) may be any of them. */
function fieldsOf(schema: Schema | undefined): Map<string, Schema> {
  const fields = new Map<string, Schema[]>();
  for (const shape of shapes(schema))
    for (const [name, field] of Object.entries(shape.properties ?? {}))
      fields.set(name, [...(fields.get(name) ?? []), field]);
  return new Map([...fields].map(([name, list]) => [name, list.length === 1 ? (list[0] as Schema) : { anyOf: list }]));
}

const typesOf = (schema: Schema | undefined) =>
  new Set(shapes(schema).flatMap((s) => (s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type])));

/** Every field a reader of `before` relies on is still there in `after`, of no type it did not know. */
function lostInAnswer(before: Schema | undefined, after: Schema | undefined, at: string): string[] {
  const beforeTypes = typesOf(before);
  const added = [...typesOf(after)].filter((t) => beforeTypes.size > 0 && !beforeTypes.has(t));
  if (added.length > 0) return [`${at} may now be ${added.join("/")}`];
  const afterFields = fieldsOf(after);
  const items = shapes(before).flatMap((s) => (s.items ? [s.items] : []));
  return [
    ...[...fieldsOf(before)].flatMap(([name, field]) =>
      afterFields.has(name) ? lostInAnswer(field, afterFields.get(name), `${at}.${name}`) : [`${at}.${name} removed`],
    ),
    ...items.flatMap((item) => lostInAnswer(item, shapes(after).find((s) => s.items)?.items, `${at}[]`)),
  ];
}

/** What a sender built on `before` sends that `after` refuses: a field gone, a new required one, an enum value gone. */
function refusedInRequest(before: Schema | undefined, after: Schema | undefined, at: string): string[] {
  const beforeValues = shapes(before).flatMap((s) => s.enum ?? []);
  const afterValues = new Set(shapes(after).flatMap((s) => s.enum ?? []));
  const goneValues = afterValues.size > 0 ? beforeValues.filter((value) => !afterValues.has(value)) : [];
  const beforeFields = fieldsOf(before);
  const afterFields = fieldsOf(after);
  const beforeRequired = new Set(shapes(before).flatMap((s) => s.required ?? []));
  return [
    ...goneValues.map((value) => `${at} no longer takes ${JSON.stringify(value)}`),
    ...[...beforeFields].flatMap(([name, field]) =>
      afterFields.has(name)
        ? refusedInRequest(field, afterFields.get(name), `${at}.${name}`)
        : [`${at}.${name} removed`],
    ),
    ...shapes(after)
      .flatMap((s) => s.required ?? [])
      .filter((name) => !beforeRequired.has(name))
      .map((name) => `${at}.${name} newly required`),
  ];
}

function operationBreaks(before: Operation, after: Operation, at: string): string[] {
  const breaks: string[] = [];
  const afterParameters = new Map((after.parameters ?? []).map((p) => [`${p.in}:${p.name}`, p]));
  for (const parameter of before.parameters ?? []) {
    const kept = afterParameters.get(`${parameter.in}:${parameter.name}`);
    if (!kept) breaks.push(`${at} ${parameter.in} parameter ${parameter.name} removed`);
    else breaks.push(...refusedInRequest(parameter.schema, kept.schema, `${at} ${parameter.in} ${parameter.name}`));
  }
  const known = new Set((before.parameters ?? []).map((p) => `${p.in}:${p.name}`));
  for (const parameter of after.parameters ?? [])
    if (parameter.required && !known.has(`${parameter.in}:${parameter.name}`))
      breaks.push(`${at} ${parameter.in} parameter ${parameter.name} newly required`);
  const bodyBefore = before.requestBody?.content?.["application/json"]?.schema;
  const bodyAfter = after.requestBody?.content?.["application/json"]?.schema;
  if (bodyBefore) breaks.push(...refusedInRequest(bodyBefore, bodyAfter, `${at} body`));
  for (const [status, answer] of Object.entries(before.responses ?? {})) {
    if (!status.startsWith("2")) continue;
    const kept = after.responses?.[status];
    if (!kept) breaks.push(`${at} no longer answers ${status}`);
    const schema = answer.content?.["application/json"]?.schema;
    if (kept && schema)
      breaks.push(...lostInAnswer(schema, kept.content?.["application/json"]?.schema, `${at} ${status}`));
  }
  return breaks;
}

/** The breaking changes from `before` to `after`, and whether the version allows them (its major number moved). */
export function breakingChanges(before: OpenApi, after: OpenApi): { breaks: string[]; allowed: boolean } {
  const breaks: string[] = [];
  for (const [path, operations] of Object.entries(before.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const kept = after.paths[path]?.[method];
      const at = `${method.toUpperCase()} ${path}`;
      if (!kept) breaks.push(`${at} removed`);
      else breaks.push(...operationBreaks(operation, kept, at));
    }
  }
  return { breaks, allowed: major(after.info.version) > major(before.info.version) };
}
