// The library is plain TypeScript with no Deno or Bun API in it: bundled to one JavaScript file,
// it runs under Node (20, as preinstalled here) and reads the same maps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoPath, runTarget, scriptFile } from "./_helpers.ts";

const denoBin = (globalThis as { Deno?: { execPath(): string } }).Deno?.execPath() ?? "deno";

test("bundled with deno bundle, mapscope runs under Node and reports the same panic and maps", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mapscope-node-"));
  const bundle = join(dir, "mapscope.mjs");
  const b = spawnSync(denoBin, ["bundle", "--platform=neutral", "-o", bundle, repoPath("mod.ts")], {
    encoding: "utf8",
  });
  assert.equal(b.status, 0, b.stderr);
  const script = scriptFile(
    "check.mjs",
    `import { run } from ${JSON.stringify(bundle)};
import { readFileSync } from "node:fs";
const out = [];
for (const tc of ["tinygo-0.41.0", "go1.26.8"]) {
  const r = await run(readFileSync(${
      JSON.stringify(repoPath("go-targets/dist"))
    } + "/" + tc + "/panics.wasm"), { args: ["panics", "explicit"], deterministic: true });
  out.push({ tc, message: r.panic.message, panics: r.panics.length, maps: r.panic.snapshots.map((s) => [s.name, s.address, s.len, s.entries.map((e) => e.json).sort()]) });
}
console.log(JSON.stringify(out));
`,
  );
  const n = spawnSync("node", [script], { encoding: "utf8" });
  assert.equal(n.status, 0, n.stderr);
  const fromNode = JSON.parse(n.stdout);
  for (const x of fromNode) {
    const here = await runTarget(x.tc, "panics", ["explicit"]);
    assert.equal(x.message, here.panic!.message);
    assert.equal(x.panics, 1);
    assert.deepEqual(
      x.maps,
      here.panic!.snapshots.map((s) => [s.name, s.address, s.len, s.entries!.map((e) => e.json).sort()]),
    );
  }
});
