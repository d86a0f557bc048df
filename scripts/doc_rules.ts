/**
 * The documentation rule CI keeps: every symbol an entry point exports has JSDoc with an
 * `@example` (re-exports are checked where they are declared).
 *
 * @module
 */

interface DocTag {
  kind: string;
}
interface DocDeclaration {
  kind: string;
  jsDoc?: { tags?: DocTag[] };
}
interface DocSymbol {
  name: string;
  declarations: DocDeclaration[];
}
/** The part of `deno doc --json` output this rule reads. */
export interface DocJson {
  /** Module URL to its symbols. */
  nodes: Record<string, { symbols?: DocSymbol[] }>;
}

/** `module: name` of every exported symbol without an `@example` (references skipped). */
export function missingExamples(doc: DocJson): string[] {
  const out: string[] = [];
  for (const [url, mod] of Object.entries(doc.nodes)) {
    for (const s of mod.symbols ?? []) {
      const decls = s.declarations.filter((d) => d.kind !== "reference");
      if (decls.length === 0) continue;
      if (!decls.some((d) => d.jsDoc?.tags?.some((t) => t.kind === "example"))) {
        out.push(`${url.replace(/^file:\/\/.*?\/(lib\/|mod\.ts|cli\.ts)/, "$1")}: ${s.name}`);
      }
    }
  }
  return out;
}
