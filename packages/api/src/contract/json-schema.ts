import ts from "typescript";

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses) for a value as JSON.stringify writes it. */
export type JsonSchema = {
  type?: string | string[];
  enum?: (string | number | boolean | null)[];
  format?: string;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
};

const intrinsic = (type: ts.Type): string | undefined => (type as { intrinsicName?: string }).intrinsicName;
const typeId = (type: ts.Type): number => (type as unknown as { id: number }).id;

/**
 * The schema of the JSON a TypeScript type serialises to: what a handler passes to `c.json` is
 * what the caller reads. Dates become strings, functions and undefined members vanish, objects
 * are closed (a field the type does not name is a leak, so the response checks refuse it).
 * A type met again inside itself is left open ({}), as JSON has no references to follow.
 */
export function jsonSchemaOf(checker: ts.TypeChecker, type: ts.Type, within: readonly number[] = []): JsonSchema {
  const f = type.flags;
  if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (f & ts.TypeFlags.StringLiteral) return { type: "string", enum: [(type as ts.StringLiteralType).value] };
  if (f & ts.TypeFlags.NumberLiteral) return { type: "number", enum: [(type as ts.NumberLiteralType).value] };
  if (f & ts.TypeFlags.BooleanLiteral) return { type: "boolean", enum: [intrinsic(type) === "true"] };
  if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { type: "string" };
  if (f & ts.TypeFlags.Number) return { type: "number" };
  if (f & ts.TypeFlags.Boolean) return { type: "boolean" };
  if (f & ts.TypeFlags.Null) return { type: "null" };
  if (type.isUnion()) return unionSchema(checker, type.types, within);
  if (within.includes(typeId(type))) return {};
  if (f & ts.TypeFlags.Object || type.isIntersection()) return objectSchema(checker, type, [...within, typeId(type)]);
  throw new Error(`no JSON for the type ${checker.typeToString(type)}`);
}

/** Whether JSON.stringify leaves the member out (undefined, a function). */
function vanishes(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Never)) return true;
  return type.flags & ts.TypeFlags.Object ? checker.getSignaturesOfType(type, ts.SignatureKind.Call).length > 0 : false;
}

function unionSchema(checker: ts.TypeChecker, members: readonly ts.Type[], within: readonly number[]): JsonSchema {
  const kept = members.filter((m) => !vanishes(checker, m));
  const parts: JsonSchema[] = [];
  const booleans = kept.filter((m) => m.flags & ts.TypeFlags.BooleanLiteral);
  if (booleans.length === 2) parts.push({ type: "boolean" });
  else if (booleans.length === 1) parts.push(jsonSchemaOf(checker, booleans[0] as ts.Type, within));
  for (const literalType of ["string", "number"] as const) {
    const flag = literalType === "string" ? ts.TypeFlags.StringLiteral : ts.TypeFlags.NumberLiteral;
    const values = kept.filter((m) => m.flags & flag).map((m) => (m as ts.LiteralType).value as string | number);
    if (values.length > 0) parts.push({ type: literalType, enum: values });
  }
  const literal = ts.TypeFlags.BooleanLiteral | ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral;
  for (const member of kept.filter((m) => !(m.flags & literal))) parts.push(jsonSchemaOf(checker, member, within));
  const distinct = parts.filter((p, i) => parts.findIndex((q) => JSON.stringify(q) === JSON.stringify(p)) === i);
  // A plain type beside its own literals (string | "a") is the plain type.
  const plain = distinct.filter((p) => !(p.enum && distinct.some((q) => !q.enum && q.type === p.type)));
  if (plain.length === 1) return plain[0] as JsonSchema;
  if (plain.some((p) => Object.keys(p).length === 0)) return {};
  return { anyOf: plain };
}

function objectSchema(checker: ts.TypeChecker, type: ts.Type, within: readonly number[]): JsonSchema {
  if (type.symbol?.name === "Date") return { type: "string", format: "date-time" };
  if (checker.isTupleType(type)) {
    const elements = checker.getTypeArguments(type as ts.TypeReference);
    return {
      type: "array",
      items: unionSchema(checker, elements, within),
      minItems: elements.length,
      maxItems: elements.length,
    };
  }
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    return { type: "array", items: element ? jsonSchemaOf(checker, element, within) : {} };
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const propertyType = checker.getTypeOfSymbol(property);
    const members = propertyType.isUnion() ? propertyType.types : [propertyType];
    const kept = members.filter((m) => !vanishes(checker, m));
    if (kept.length === 0) continue;
    properties[property.name] = unionSchema(checker, kept, within);
    const optional = property.flags & ts.SymbolFlags.Optional || kept.length < members.length;
    if (!optional) required.push(property.name);
  }
  const index = checker.getIndexInfosOfType(type).find((info) => !(info.keyType.flags & ts.TypeFlags.ESSymbolLike));
  const schema: JsonSchema = { type: "object", properties };
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = index ? jsonSchemaOf(checker, index.type, within) : false;
  return schema;
}
