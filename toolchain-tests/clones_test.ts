// Issue #13: maps made by maps.Clone and never written afterwards are found with --all-maps (the
// runtime builds them without a map assignment), typed exactly and named after their source, on
// both families; TinyGo's scratch header for the copy is never reported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { run } from "../mod.ts";
import { entriesText, repoPath, views } from "../tests/_helpers.ts";
import { build, buildAsync } from "./_build.ts";

const src = repoPath("go-targets");
const BUILDS = [
  { name: "clones-tinygo", command: "tinygo build -target=wasip1 -no-debug" },
  { name: "clones-go1.26.8", command: "GOOS=wasip1 GOARCH=wasm go build -buildvcs=false" },
  {
    name: "clones-go1.27.3-mapsplitgroup",
    command: "GOEXPERIMENT=mapsplitgroup GOOS=wasip1 GOARCH=wasm go1.27.3 build -buildvcs=false",
  },
];

for (const b of BUILDS) {
  test(`${b.name}: every clone found, typed, with the program's entries, named after its source`, async () => {
    const bytes = build({ name: b.name, command: b.command, pkg: "./clones", dir: src }, src);
    const r = await run(bytes, { args: ["clones"], deterministic: true, allMaps: true });
    assert.equal(r.panic?.message, "clones, never written");
    const printed = views(r.stdout.lines);
    assert.equal(printed.length, 9);
    const at = (ptr: string) => r.maps.find((m) => "0x" + m.address.toString(16) === ptr);
    for (const p of printed) {
      // made and never written: found only where DWARF locates its variable (dwarf_test.ts)
      if (p.name === "spare") continue;
      const m = at(p.ptr);
      assert.ok(m, `${p.name} at ${p.ptr} was found`);
      assert.equal(m.len, p.len, p.name);
      assert.equal(entriesText(m), p.entries, `${p.name}: entries`);
      if (!p.name.endsWith("Clone")) continue;
      const source = printed.find((q) => q.name === p.name.replace(/Clone$/, ""));
      if (source) {
        // named after the source's own origin
        const so = at(source.ptr)!.origin!.replace(/;.*$/, "");
        assert.equal(m.origin, `made by maps.Clone of the map ${so}`, p.name);
      } else assert.match(m.origin ?? "", /^made by maps\.Clone of the map at 0x[0-9a-f]+$/, p.name);
    }
    // nothing else but the runtime's and libraries' own maps (TinyGo: none here), and no header
    // sharing its storage with another (a scratch copy would)
    const others = r.maps.filter((m) => !printed.some((p) => p.ptr === "0x" + m.address.toString(16)));
    assert.ok(!r.maps.some((m) => m.len === 0 && m.origin === "not written during the run"));
    if (b.name.includes("tinygo")) assert.deepEqual(others.map((m) => m.origin), []);
    else for (const m of others) assert.match(m.origin ?? "", /standard library's own map$/);
  });
}

/** A program of $(go env GOROOT)/test built by TinyGo with -no-debug (cached). */
async function goTestProgram(path: string): Promise<Uint8Array> {
  const GOROOT = spawnSync("go", ["env", "GOROOT"], { encoding: "utf8" }).stdout.trim();
  const file = join(GOROOT, "test", path);
  const bytes = await buildAsync(
    {
      name: `${path.replace(/[/.]/g, "_")}-tinygo`,
      command: "tinygo build -target=wasip1 -no-debug",
      pkg: JSON.stringify(file),
      dir: join(GOROOT, "test"),
    },
    readFileSync(file, "utf8"),
  );
  assert.ok(bytes instanceof Uint8Array, String(bytes));
  return bytes;
}

test("TinyGo, Go's test/fixedbugs/issue62203.go (clone of a map that grew, maps.clone inlined): one map and its clone, no copy reported", async () => {
  const bytes = await goTestProgram("fixedbugs/issue62203.go");
  const r = await run(bytes, { args: ["issue62203"], deterministic: true, allMaps: true });
  assert.equal(r.exit, 0);
  assert.equal(r.maps.length, 2, r.maps.map((m) => `${m.name} ${m.len} ${m.origin}`).join("; "));
  const [m, clone] = r.maps;
  assert.deepEqual([m!.len, clone!.len], [48, 48]);
  assert.match(clone!.origin ?? "", /^made by maps\.Clone of the map first written in /);
  assert.notEqual(
    m!.family === "tinygo" && m!.error === undefined ? m!.header.buckets : 0,
    clone!.family === "tinygo" && clone!.error === undefined ? clone!.header.buckets : 0,
    "the clone has buckets of its own",
  );
});

test("TinyGo, Go's test/fixedbugs/issue59411.go (200 maps made, grown and cleared in loops): no map reported twice over one storage", async () => {
  const bytes = await goTestProgram("fixedbugs/issue59411.go");
  const r = await run(bytes, { args: ["issue59411"], deterministic: true, allMaps: true });
  assert.equal(r.exit, 0);
  // dead maps whose memory was reused look like maps; two of them never hold the same buckets
  const buckets = r.maps.map((m) => (m.family === "tinygo" && m.error === undefined ? m.header.buckets : -1));
  assert.ok(r.maps.length > 0);
  assert.equal(
    new Set(buckets).size,
    buckets.length,
    `${r.maps.length} maps, ${new Set(buckets).size} bucket arrays`,
  );
});
