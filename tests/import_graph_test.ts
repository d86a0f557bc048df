// Issue #10: the import-graph rules CI enforces (scripts/check-imports.ts), each seen to fire on a
// made-up tree that breaks it, and the real tree seen to keep them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import {
  buildGraph,
  familyBranches,
  findCycles,
  importsOf,
  modelLeaks,
  resolve,
} from "../scripts/import_graph.ts";
import { repoPath } from "./_helpers.ts";

test("importsOf finds static, type-only, re-export and dynamic imports, not those in comments", () => {
  const src = [
    'import { a } from "./a.ts";',
    'import type { B } from "../b.ts";',
    'export { c } from "./c.ts";',
    'export * from "./d.ts";',
    'const e = await import("./e.ts");',
    'import process from "node:process";',
    '/** @example\n * import { x } from "./x.ts";\n */',
    '// import { y } from "./y.ts";',
  ].join("\n");
  assert.deepEqual(importsOf(src), ["./a.ts", "../b.ts", "./c.ts", "./d.ts", "./e.ts"]);
  assert.equal(resolve("lib/run/run.ts", "../model/result.ts"), "lib/model/result.ts");
  assert.equal(resolve("mod.ts", "./lib/x.ts"), "lib/x.ts");
});

test("findCycles reports a cycle (and only then)", () => {
  const files = new Map([
    ["lib/run.ts", 'import { w } from "./worker_client.ts";'],
    ["lib/worker_client.ts", 'import type { R } from "./run.ts";'],
    ["lib/leaf.ts", ""],
  ]);
  assert.deepEqual(findCycles(buildGraph(files)), [["lib/run.ts", "lib/worker_client.ts", "lib/run.ts"]]);
  files.set("lib/worker_client.ts", 'import type { R } from "./leaf.ts";');
  assert.deepEqual(findCycles(buildGraph(files)), []);
});

test("familyBranches flags a branch on the family outside lib/family/ only", () => {
  const files = new Map([
    ["lib/report.ts", 'const x = g.family === "tinygo" ? 1 : 2;\n// family === "go" in a comment'],
    ["lib/run.ts", 'if (tc.family !== "go") return;'],
    ["lib/family/tinygo/mod.ts", 'if (t.family === "tinygo") ok();'],
    ["lib/ok.ts", "familyOf(t).describe(s);"],
  ]);
  assert.deepEqual(familyBranches(files), [
    'lib/report.ts:1: const x = g.family === "tinygo" ? 1 : 2;',
    'lib/run.ts:1: if (tc.family !== "go") return;',
  ]);
});

test("modelLeaks flags lib/model/ importing the rest of the library", () => {
  const g = buildGraph(
    new Map([
      [
        "lib/model/result.ts",
        'import type { R } from "../run/options.ts";\nimport type { M } from "../memory.ts";',
      ],
      ["lib/model/snapshot.ts", 'import type { V } from "./values.ts";'],
    ]),
  );
  assert.deepEqual(modelLeaks(g), ["lib/model/result.ts imports lib/run/options.ts"]);
});

test("the library itself keeps every rule", () => {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(repoPath(dir))) {
      const p = `${dir}/${name}`;
      if (statSync(repoPath(p)).isDirectory()) walk(p);
      else if (p.endsWith(".ts")) files.set(p, readFileSync(repoPath(p), "utf8"));
    }
  };
  for (const f of ["mod.ts", "cli.ts"]) files.set(f, readFileSync(repoPath(f), "utf8"));
  walk("lib");
  const g = buildGraph(files);
  assert.deepEqual(findCycles(g), []);
  assert.deepEqual(familyBranches(files), []);
  assert.deepEqual(modelLeaks(g), []);
});
