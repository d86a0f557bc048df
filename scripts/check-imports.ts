/**
 * CI step: fails on an import cycle in mod.ts, cli.ts and lib/, on a branch on the runtime family
 * outside lib/family/, and on lib/model/ importing the rest of the library.
 *
 *   deno run --allow-read scripts/check-imports.ts
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import process from "node:process";
import { buildGraph, familyBranches, findCycles, modelLeaks } from "./import_graph.ts";

function walk(dir: string, out: Map<string, string>): void {
  for (const name of readdirSync(dir)) {
    const p = `${dir}/${name}`;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith(".ts")) out.set(p, readFileSync(p, "utf8"));
  }
}

const files = new Map<string, string>();
for (const f of ["mod.ts", "cli.ts"]) files.set(f, readFileSync(f, "utf8"));
walk("lib", files);
const graph = buildGraph(files);
const problems = [
  ...findCycles(graph).map((c) => `import cycle: ${c.join(" -> ")}`),
  ...familyBranches(files).map((l) => `family branch outside lib/family/: ${l}`),
  ...modelLeaks(graph).map((l) => `lib/model/ must import nothing of the library: ${l}`),
];
for (const p of problems) console.error(p);
const edges = [...graph.values()].reduce((n, d) => n + d.length, 0);
console.log(`${graph.size} modules, ${edges} imports: ${problems.length} problem(s)`);
process.exitCode = problems.length ? 1 : 0;
