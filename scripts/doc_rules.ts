/**
 * The documentation rules CI keeps: every symbol an entry point exports has JSDoc with an
 * `@example` (re-exports are checked where they are declared), and every exported function and
 * public method says what it throws ("Throws ..." or "Never throws").
 *
 * @module
 */

interface DocTag {
  kind: string;
}
interface DocMethod {
  name: string;
  accessibility?: string;
  jsDoc?: { doc?: string; tags?: DocTag[] };
}
interface DocDeclaration {
  kind: string;
  jsDoc?: { doc?: string; tags?: DocTag[] };
  def?: { methods?: DocMethod[] };
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

/** Whether a doc comment says what its function throws. */
function saysWhatItThrows(doc: { doc?: string; tags?: DocTag[] } | undefined): boolean {
  return /\b[Tt]hrows\b/.test(doc?.doc ?? "") ||
    (doc?.tags ?? []).some((t) => t.kind === "throws");
}

/**
 * `module: name` of every exported function and public class method whose JSDoc does not say
 * what it throws (a "Throws ..." sentence, "Never throws", or an `@throws` tag).
 */
export function missingThrows(doc: DocJson): string[] {
  const out: string[] = [];
  for (const [url, mod] of Object.entries(doc.nodes)) {
    const where = url.replace(/^file:\/\/.*?\/(lib\/|mod\.ts|cli\.ts)/, "$1");
    for (const s of mod.symbols ?? []) {
      for (const d of s.declarations) {
        if (d.kind === "function" && !saysWhatItThrows(d.jsDoc)) out.push(`${where}: ${s.name}`);
        if (d.kind !== "class") continue;
        for (const m of d.def?.methods ?? []) {
          if (m.accessibility === "private" || m.name.startsWith("#")) continue;
          if (!saysWhatItThrows(m.jsDoc)) out.push(`${where}: ${s.name}.${m.name}`);
        }
      }
    }
  }
  return [...new Set(out)];
}
