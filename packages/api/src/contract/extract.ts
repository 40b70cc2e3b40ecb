import { join } from "node:path";
import ts from "typescript";
import { jsonSchemaOf, type JsonSchema } from "./json-schema";

/** What one success answer carries: JSON of a schema, or a file (a spreadsheet, a calendar). */
export type Answer = { status: number; json: JsonSchema } | { status: number; file: string[] };

/** What the source says of one operation, keyed `get /requests/{id}` as in the OpenAPI document. */
export type OperationFacts = { answers: Answer[]; reasons: string[]; validated: boolean };
export type Facts = Record<string, OperationFacts>;

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);
const SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Reads every route of the API from its source with the type checker: the paths as app.ts mounts
 * them, each handler's answers (the type of what it passes to `c.json`, with each status) and the
 * refusals it can give (the failing members of every result it unwraps). The contract is derived
 * from the code that builds the answers, so it cannot drift from them unnoticed.
 */
export function extractFacts(apiRoot: string): Facts {
  const appFile = join(apiRoot, "src/app.ts");
  const configFile = join(apiRoot, "tsconfig.json");
  const config = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, apiRoot, undefined, configFile);
  const options = { ...parsed.options, noEmit: true };
  // Types resolve from the package, not from wherever the tests were started.
  const host = { ...ts.createCompilerHost(options), getCurrentDirectory: () => apiRoot };
  const program = ts.createProgram({ rootNames: [appFile], options, host });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(appFile);
  if (!source) throw new Error(`no ${appFile}`);
  const routes = findFunction(source, "apiRoutes");
  const facts: Facts = {};
  walkChain(checker, returnedExpression(routes), "", facts);
  assertNoErrors(program);
  return facts;
}

/** A type that failed to resolve reads as `any`, which would quietly open a schema: refuse instead. */
function assertNoErrors(program: ts.Program): void {
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return;
  const text = ts.formatDiagnostics(errors.slice(0, 5), {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => program.getCurrentDirectory(),
    getNewLine: () => "\n",
  });
  throw new Error(`the API's source does not type-check, so its contract cannot be read:\n${text}`);
}

function findFunction(source: ts.SourceFile, name: string): ts.FunctionDeclaration {
  const found = source.statements.find(
    (s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === name,
  );
  if (!found) throw new Error(`no function ${name} in ${source.fileName}`);
  return found;
}

function returnedExpression(fn: ts.FunctionDeclaration): ts.Expression {
  const statement = fn.body?.statements.find(ts.isReturnStatement);
  if (!statement?.expression) throw new Error("apiRoutes returns nothing");
  return statement.expression;
}

/** `/a` + `/` + `/b/:id` → `/a/b/{id}`, as hono-openapi names paths. */
function joinPath(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
  return joined.replace(/:([A-Za-z_]\w*)(\{[^}]*\})?/g, "{$1}");
}

/** Follows `new Hono().get(…).route("/x", xRoutes)…` from its last call back to its first. */
function walkChain(checker: ts.TypeChecker, expression: ts.Expression, prefix: string, facts: Facts): void {
  const calls: ts.CallExpression[] = [];
  let at: ts.Expression = expression;
  while (ts.isCallExpression(at) && ts.isPropertyAccessExpression(at.expression)) {
    calls.unshift(at);
    at = at.expression.expression;
  }
  for (const call of calls) {
    const method = (call.expression as ts.PropertyAccessExpression).name.text;
    const [pathArgument] = call.arguments;
    if (!pathArgument || !ts.isStringLiteral(pathArgument)) continue;
    if (method === "route") {
      walkChain(checker, routesOf(checker, call.arguments[1]), joinPath(prefix, pathArgument.text), facts);
    } else if (METHODS.has(method)) {
      const key = `${method} ${joinPath(prefix, pathArgument.text)}`;
      facts[key] = operationFacts(checker, call);
    }
  }
}

/** The chain an imported `xRoutes` constant was built from. */
function routesOf(checker: ts.TypeChecker, argument: ts.Expression | undefined): ts.Expression {
  if (!argument || !ts.isIdentifier(argument)) throw new Error("route() takes a routes constant");
  let symbol = checker.getSymbolAtLocation(argument);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer)
    throw new Error(`cannot follow ${argument.text}`);
  return declaration.initializer;
}

function operationFacts(checker: ts.TypeChecker, call: ts.CallExpression): OperationFacts {
  const handler = call.arguments[call.arguments.length - 1];
  if (!handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)))
    throw new Error(`a route's last argument is its handler: ${call.getText().slice(0, 80)}`);
  const context = handler.parameters[0]?.name.getText() ?? "c";
  const answers: Answer[] = [];
  const reasons = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && callee.text === "unwrap" && node.arguments[0])
        for (const reason of refusalsOf(checker, checker.getTypeAtLocation(node.arguments[0]))) reasons.add(reason);
      if (ts.isPropertyAccessExpression(callee) && callee.expression.getText() === context)
        answers.push(...answersOf(checker, callee.name.text, node));
    }
    ts.forEachChild(node, visit);
  };
  visit(handler.body);
  const validated = call.arguments.some((a) => ts.isCallExpression(a) && a.expression.getText() === "valid");
  return { answers: mergeAnswers(answers), reasons: [...reasons].sort(), validated };
}

/** The `reason` of every failing member of a result type. */
function refusalsOf(checker: ts.TypeChecker, type: ts.Type): string[] {
  const members = type.isUnion() ? type.types : [type];
  return members.flatMap((member) => {
    const okSymbol = member.getProperty("ok");
    const reason = member.getProperty("reason");
    if (!okSymbol || !reason) return [];
    const okType = checker.getTypeOfSymbol(okSymbol);
    if ((okType as { intrinsicName?: string }).intrinsicName !== "false") return [];
    const reasonType = checker.getTypeOfSymbol(reason);
    const literals = reasonType.isUnion() ? reasonType.types : [reasonType];
    return literals.filter((l) => l.isStringLiteral()).map((l) => (l as ts.StringLiteralType).value);
  });
}

function statusesOf(argument: ts.Expression | undefined): number[] {
  if (!argument) return [200];
  if (ts.isNumericLiteral(argument)) return [Number(argument.text)];
  if (ts.isConditionalExpression(argument))
    return [...statusesOf(argument.whenTrue), ...statusesOf(argument.whenFalse)];
  throw new Error(`a status the contract cannot read: ${argument.getText()}`);
}

function answersOf(checker: ts.TypeChecker, helper: string, call: ts.CallExpression): Answer[] {
  const [body, status, headers] = call.arguments;
  if (helper === "json" && body) {
    const json = jsonSchemaOf(checker, checker.getTypeAtLocation(body));
    return statusesOf(status).map((s) => ({ status: s, json }));
  }
  if (helper === "body") return statusesOf(status).map((s) => ({ status: s, file: fileTypes(checker, headers) }));
  return [];
}

/** The content types a file answer's headers name: a download's two formats, or a literal Content-Type. */
function fileTypes(checker: ts.TypeChecker, headers: ts.Expression | undefined): string[] {
  if (headers && ts.isCallExpression(headers) && headers.expression.getText() === "downloadHeaders")
    return [SPREADSHEET, "text/csv"];
  if (headers && ts.isObjectLiteralExpression(headers)) {
    const contentType = headers.properties.find(
      (p): p is ts.PropertyAssignment =>
        ts.isPropertyAssignment(p) && p.name.getText().replace(/"/g, "") === "Content-Type",
    );
    const type = contentType && checker.getTypeAtLocation(contentType.initializer);
    if (type?.isStringLiteral()) return [type.value.split(";")[0] as string];
  }
  return ["application/octet-stream"];
}

/** One answer per status: a handler answering the same status from two places answers either shape. */
function mergeAnswers(answers: Answer[]): Answer[] {
  const byStatus = new Map<number, Answer>();
  for (const answer of answers) {
    const seen = byStatus.get(answer.status);
    if (!seen) byStatus.set(answer.status, answer);
    else if ("json" in seen && "json" in answer && JSON.stringify(seen.json) !== JSON.stringify(answer.json))
      byStatus.set(answer.status, { status: answer.status, json: { anyOf: [seen.json, answer.json] } });
  }
  return [...byStatus.values()].sort((a, b) => a.status - b.status);
}
