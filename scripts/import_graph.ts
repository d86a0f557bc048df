/**
 * The library's import graph and the rules it must keep: no import cycle, no branch on the
 * runtime family outside `lib/family/`, and `lib/model/` (the result and snapshot types) importing
 * nothing of the library's but its own files and types of the two leaf modules below it.
 *
 * Used by `scripts/check-imports.ts` (a CI step) and tested on made-up graphs that break each rule.
 *
 * @module
 */

/** File (repository-relative path) to the files it imports (static, type-only and dynamic). */
export type ImportGraph = Map<string, string[]>;

const IMPORT =
  /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** The relative specifiers a source file imports, in order (comments, and the examples in them, skipped). */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const m of code.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec && spec.startsWith(".")) out.push(spec);
  }
  return out;
}

/** `spec` imported from `from`, as a repository-relative path. */
export function resolve(from: string, spec: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const p of spec.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/");
}

/** Builds the graph of `files` (path to source text). */
export function buildGraph(files: Map<string, string>): ImportGraph {
  const g: ImportGraph = new Map();
  for (const [path, src] of files) g.set(path, importsOf(src).map((s) => resolve(path, s)));
  return g;
}

/** Every cycle of the graph, each as the list of files around it (first file repeated at the end). */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      const s = state.get(m);
      if (s === 1) cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (s === undefined && graph.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return cycles;
}

const FAMILY_BRANCH = /\bfamily\s*[!=]==|[!=]==\s*["'](?:tinygo|go)["']|\bcase\s+["'](?:tinygo|go)["']/;

/** Lines outside `lib/family/` (and tests) that branch on the runtime family. */
export function familyBranches(files: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [path, src] of files) {
    if (path.startsWith("lib/family/") || path.endsWith("_test.ts")) continue;
    src.split("\n").forEach((line, i) => {
      if (!/^\s*(\*|\/\/)/.test(line) && FAMILY_BRANCH.test(line)) {
        out.push(`${path}:${i + 1}: ${line.trim()}`);
      }
    });
  }
  return out;
}

/** Files below `lib/model/` may import only these outside their folder (types only). */
const MODEL_MAY_IMPORT = new Set(["lib/memory.ts", "lib/wasm/module.ts"]);

/** Imports of `lib/model/` files that leave the folder (other than the allowed leaf types). */
export function modelLeaks(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [path, deps] of graph) {
    if (!path.startsWith("lib/model/")) continue;
    for (const d of deps) {
      if (!d.startsWith("lib/model/") && !MODEL_MAY_IMPORT.has(d)) out.push(`${path} imports ${d}`);
    }
  }
  return out;
}
