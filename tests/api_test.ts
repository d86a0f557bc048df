// Issue #10: the public API is small and deliberate. A new root export, or a new subpath, must be
// added here on purpose.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as root from "../mod.ts";
import { repoPath } from "./_helpers.ts";

/** Every name `export`ed by a module's source text (values and types), from its export statements. */
function exportedNames(path: string): string[] {
  const src = readFileSync(repoPath(path), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  const names: string[] = [];
  for (const m of src.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()!.trim();
      if (name) names.push(name);
    }
  }
  assert.ok(!/export\s+\*/.test(src), `${path} re-exports with export *`);
  return names.sort();
}

test("the root exports exactly the user-facing API", () => {
  assert.deepEqual(exportedNames("mod.ts"), [
    "Checkpoint",
    "CorruptMapError",
    "DecodeBudgetError",
    "ExitSignal",
    "GrowthReport",
    "GuestMemory",
    "HtmlOptions",
    "LiveGuest",
    "MapEntry",
    "MapReader",
    "MapRequest",
    "MapSnapshot",
    "MapscopeError",
    "MemoryAccessError",
    "ModuleError",
    "PanicEvent",
    "PanicReport",
    "RunOptions",
    "RunResult",
    "TimeoutError",
    "Toolchain",
    "ToolchainMismatchError",
    "TypeExpressionError",
    "UnknownToolchainError",
    "WasiHost",
    "WasiHostOptions",
    "formatRunHtml",
    "formatRunReport",
    "growthReports",
    "run",
    "runReportJson",
  ]);
  // and at run time, the values among them
  assert.deepEqual(Object.keys(root).sort(), [
    "CorruptMapError",
    "DecodeBudgetError",
    "ExitSignal",
    "GuestMemory",
    "MapReader",
    "MapscopeError",
    "MemoryAccessError",
    "ModuleError",
    "TimeoutError",
    "ToolchainMismatchError",
    "TypeExpressionError",
    "UnknownToolchainError",
    "WasiHost",
    "formatRunHtml",
    "formatRunReport",
    "growthReports",
    "run",
    "runReportJson",
  ]);
});

test("the subpaths are the documented ones, each a mod.ts without export *", () => {
  const config = JSON.parse(readFileSync(repoPath("deno.json"), "utf8")) as {
    exports: Record<string, string>;
  };
  assert.deepEqual(Object.keys(config.exports).sort(), [
    ".",
    "./cli",
    "./layouts",
    "./run",
    "./types",
    "./wasi",
    "./wasm",
  ]);
  for (const path of Object.values(config.exports)) assert.ok(exportedNames(path.slice(2)).length > 0, path);
  const internal = ["uleb", "sleb32", "encodeU32", "HookKind", "PROBE_MAX_MAPS"];
  for (const path of Object.values(config.exports)) {
    for (const name of internal) {
      assert.ok(!exportedNames(path.slice(2)).includes(name), `${path} exports ${name}`);
    }
  }
});
