import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** Chinese punctuation that reads as a mistake in the English interface: "Status：open", "Title（open）". */
const FULL_WIDTH = /[：（）、，；]/;
const SRC = import.meta.dirname;
// The Chinese catalogues hold these characters by design; tests quote Chinese output.
const EXEMPT = /^i18n\/zh[^/]*\.ts$|\.test\.ts$/;

const sources = (): string[] =>
  readdirSync(SRC, { recursive: true, encoding: "utf8" })
    .map((file) => file.split("\\").join("/"))
    .filter((file) => /\.tsx?$/.test(file) && !EXEMPT.test(file));

const parse = (name: string, code: string) => ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true);

const isText = (node: ts.Node) =>
  ts.isStringLiteralLike(node) ||
  ts.isJsxText(node) ||
  ts.isTemplateHead(node) ||
  ts.isTemplateMiddle(node) ||
  ts.isTemplateTail(node);

/** Texts the code writes itself (literals, JSX text) holding full-width punctuation; comments and regular expressions are no text. */
function fullWidthTexts(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isText(node) && FULL_WIDTH.test((node as ts.LiteralLikeNode).text)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${source.fileName}:${line + 1}: ${node.getText().trim()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the web source outside the Chinese catalogues", () => {
  it("writes no full-width punctuation into text, so English pages read “Status: open”, not “Status：open”", () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((file) => fullWidthTexts(parse(file, readFileSync(join(SRC, file), "utf8"))))).toEqual([]);
  });

  it("finds full-width punctuation in JSX text, template and string literals, not in comments or regular expressions", () => {
    const code =
      "// 甲、乙\nconst a = <p>{t('x')}：{y}</p>;\nconst b = `${x}（${y}）`;\nconst c = x.join('、') + /[：:]/.source;";
    expect(fullWidthTexts(parse("probe.tsx", code))).toEqual([
      "probe.tsx:2: ：",
      "probe.tsx:3: }（${",
      "probe.tsx:3: }）`",
      "probe.tsx:4: '、'",
    ]);
  });
});
