// Issue #3: the committed targets, their manifest, and the build scripts' handling of bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { repoPath, runTarget, toolchainLine, TOOLCHAINS, views } from "./_helpers.ts";

const TARGETS = ["hello", "growth", "shapes", "panics", "lifecycle", "recovered", "deferred", "nomaps"];

test("the manifest lists exactly the committed files, with their sizes and sha256", () => {
  const manifest = JSON.parse(readFileSync(repoPath("go-targets/dist/manifest.json"), "utf8"));
  const onDisk: string[] = [];
  for (const tc of [...TOOLCHAINS, "clang-19-wasi"]) {
    for (const f of readdirSync(repoPath(`go-targets/dist/${tc}`))) onDisk.push(`${tc}/${f}`);
  }
  assert.deepEqual(
    manifest.files.map((f: { path: string }) => f.path.replace(/^dist\//, "")).sort(),
    onDisk.sort(),
  );
  assert.equal(
    onDisk.length,
    TOOLCHAINS.length * TARGETS.length +
      readdirSync(repoPath("go-targets/c")).filter((f) => f.endsWith(".c")).length,
  );
  for (const f of manifest.files) {
    const bytes = readFileSync(repoPath(`go-targets/${f.path}`));
    assert.equal(bytes.length, f.size, f.path);
    assert.equal(createHash("sha256").update(bytes).digest("hex"), f.sha256, f.path);
  }
  assert.match(manifest.toolchains["tinygo-0.41.0"].version, /tinygo version 0\.41\.0/);
  assert.match(manifest.toolchains["go1.27.3-mapsplitgroup"].command, /GOEXPERIMENT=mapsplitgroup/);
  assert.match(manifest.toolchains["clang-19-wasi"].command, /--target=wasm32-wasi/);
});

const RUNS: [string, string[], "exit" | "panic"][] = [
  ["hello", [], "exit"],
  ["growth", ["300"], "exit"],
  ["shapes", [], "exit"],
  ["panics", ["explicit"], "panic"],
  ["lifecycle", [], "exit"],
  ["recovered", [], "panic"],
  ["deferred", [], "panic"],
  ["nomaps", [], "panic"],
];

for (const tc of TOOLCHAINS) {
  for (const [target, args, ends] of RUNS) {
    test(`${tc} ${target}: runs and prints well-formed JSON whose counts match what it claims`, async () => {
      const r = await runTarget(tc, target, args);
      if (ends === "exit") assert.equal(r.exit, 0);
      else assert.ok(r.panic, "the program panics");
      for (const line of r.stdout.lines) {
        if (!line.startsWith("panic: ") && !line.startsWith("recovered:")) JSON.parse(line);
      }
      const t = toolchainLine(r.stdout.lines);
      assert.equal(t.compiler, tc.startsWith("tinygo") ? "tinygo" : "gc");
      const expected = {
        "tinygo-0.41.0": "0.41.0",
        "go1.27.3-mapsplitgroup": "go1.27.3-X:mapsplitgroup",
      } as Record<string, string>;
      assert.equal(t.version, expected[tc] ?? tc);
      const vs = views(r.stdout.lines);
      assert.ok(vs.length > 0);
      for (const v of vs) {
        if (v.entries !== undefined) assert.equal((JSON.parse(v.entries) as unknown[]).length, v.len, v.name);
        if (v.count !== undefined) assert.equal(v.count, v.len, v.name);
      }
    });
  }
}

function script(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync("bash", [repoPath("scripts/build-targets"), ...args], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

test("build-targets refuses an unknown toolchain with a clear message", () => {
  const r = script(["--toolchain", "go1.19"]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /unknown toolchain 'go1\.19'/);
});

test("build-targets refuses a missing target and an unknown option", () => {
  const r = script(["--target", "nosuch"]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /unknown target 'nosuch'/);
  const o = script(["--fast"]);
  assert.notEqual(o.status, 0);
  assert.match(o.stderr, /unknown argument '--fast'/);
});

test("setup-toolchains refuses an unknown option", () => {
  const r = spawnSync("bash", [repoPath("scripts/setup-toolchains"), "--bogus"], { encoding: "utf8" });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /unknown option '--bogus'/);
});
