// Issue #13: maps made by maps.Clone and never written afterwards are found with --all-maps (the
// runtime builds them without a map assignment), typed exactly and named after their source, on
// both families; TinyGo's scratch header for the copy is never reported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { run } from "../mod.ts";
import { entriesText, repoPath, views } from "../tests/_helpers.ts";
import { build } from "./_build.ts";

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
