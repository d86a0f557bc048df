// Issue #13: TinyGo maps named by the code that first wrote them, through the call-site reports
// and the build's DWARF (kept unless -no-debug). The DWARF readers are held to llvm-dwarfdump-19
// on the same build: the line of every call site, and the function (inlined or not) there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../mod.ts";
import { parseModule, patchFunctionEntries } from "../lib/wasm/mod.ts";
import { LineTable } from "../lib/dwarf/line.ts";
import { DebugScopes } from "../lib/dwarf/info.ts";
import { build, CACHE } from "./_build.ts";
import { repoPath, views } from "../tests/_helpers.ts";

const src = repoPath("go-targets");
const bytes = () =>
  build({ name: "tinygo-default", command: "tinygo build -target=wasip1", pkg: "./nomaps", dir: src }, src);

test("TinyGo with DWARF: each of nomaps' maps first written in main.main, at a line of main.go that writes it", async () => {
  const r = await run(bytes(), { args: ["nomaps"], deterministic: true, allMaps: true });
  const lines = readFileSync(join(src, "nomaps/main.go"), "utf8").split("\n");
  const printed = views(r.stdout.lines);
  assert.equal(printed.length, 10);
  let exact = 0;
  for (const p of printed) {
    const m = r.maps.find((s) => "0x" + s.address.toString(16) === p.ptr)!;
    const at = /^first written in (\S+) \((\/\S+\/nomaps\/main\.go):(\d+)\)/.exec(m.origin ?? "");
    if (p.name === "literal") {
      // its first write is in main.init, which TinyGo inlines into runtime.initAll: no DWARF there
      assert.match(
        m.origin ?? "",
        /^first written in runtime\.initAll; written by a package initializer/,
        p.name,
      );
      continue;
    }
    assert.ok(at, `${p.name}: ${m.origin}`);
    assert.equal(at[1], "main.main");
    const line = Number(at[3]);
    // a line of the loop that fills the maps, or the one that writes h
    assert.match(lines[line - 1]!, /^\s+[a-i]\[.*\] = /, `${p.name}: line ${line}`);
    if (new RegExp(`^\\s+${p.name}\\[`).test(lines[line - 1]!)) exact++;
    assert.doesNotMatch(m.origin!, /runtime's or standard library's own/);
  }
  // LLVM gives some writes no row of their own (their key is computed with the previous line's)
  assert.ok(exact >= 7, `${exact} of 9 at their own line`);
});

test("TinyGo with DWARF: the line table and scopes agree with llvm-dwarfdump-19 at every map-write call site", () => {
  const b = bytes();
  const info = parseModule(b);
  const lt = LineTable.parse(info.custom.get(".debug_line")!);
  const scopes = DebugScopes.parse(info.custom);
  const offsets: number[] = [];
  patchFunctionEntries(b, [], info, {
    callees: ["runtime.hashmapSet", "runtime.hashmapBinarySet", "runtime.hashmapStringSet"],
    // as the hooks do; inside the map functions LLVM writes a high_pc below low_pc (an offset of
    // -47 as data4), which llvm-dwarfdump reads as reaching 4 GiB and mapscope drops
    skipCaller: (n) => n.startsWith("runtime.hashmap"),
    code: (_c, o) => (offsets.push(o), new Uint8Array()),
  });
  assert.ok(offsets.length >= 12);
  const file = join(CACHE, "dwarf-check.wasm");
  Deno.writeFileSync(file, b);
  const blocks = offsets.map((o) => {
    const out = spawnSync("llvm-dwarfdump-19", [`--lookup=0x${o.toString(16)}`, file], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    // status 1: no unit covers the address (code without DWARF, such as runtime.initAll)
    assert.ok(out.status === 0 || out.status === 1, out.stderr);
    return out.status === 0 ? out.stdout : "";
  });
  let compared = 0, scoped = 0;
  for (const [i, block] of blocks.entries()) {
    const o = offsets[i]!;
    const li = /Line info: file '([^']+)', line (\d+)/.exec(block);
    const ours = lt.lookup(o);
    if (!li || li[2] === "0") assert.equal(ours, undefined, `0x${o.toString(16)}`);
    else {
      assert.equal(ours?.line, Number(li[2]), `0x${o.toString(16)} line`);
      assert.equal(ours?.file.split("/").at(-1), li[1], `0x${o.toString(16)} file`);
      compared++;
    }
    // the innermost subprogram or inlined subroutine llvm-dwarfdump names, leaving out those
    // whose high_pc is past 4 GiB (LLVM wrote a negative length; mapscope drops such a range)
    const names = block.split(/\n(?=0x[0-9a-f]+:)/)
      .filter((d) => /DW_TAG_(subprogram|inlined_subroutine)/.test(d))
      .filter((d) => !/DW_AT_high_pc\s+\(0x[1-9a-f][0-9a-f]{8}\)/.test(d))
      .map((d) => /DW_AT_(?:name|abstract_origin)\s+\((?:0x[0-9a-f]+ )?"([^"]+)"\)/.exec(d)?.[1]);
    if (/DW_AT_high_pc\s+\(0x[1-9a-f][0-9a-f]{8}\)/.test(block)) continue; // dwarfdump stopped there
    assert.equal(scopes.innermost(o)?.name, names.at(-1), `0x${o.toString(16)} scope`);
    scoped++;
  }
  assert.ok(scoped >= 10, `${scoped} scopes compared`);
  assert.ok(compared >= 10, `${compared} lines compared`);
});

test("TinyGo with DWARF: package-level map variables by their Go name, a map never written included", async () => {
  const b = build({
    name: "clones-tinygo-dwarf",
    command: "tinygo build -target=wasip1",
    pkg: "./clones",
    dir: src,
  }, src);
  const r = await run(b, { args: ["clones"], deterministic: true, allMaps: true });
  const printed = views(r.stdout.lines);
  for (const [name, written] of [["catalog", true], ["spare", false]] as const) {
    const p = printed.find((v) => v.name === name)!;
    const m = r.maps.find((s) => "0x" + s.address.toString(16) === p.ptr);
    assert.ok(m, `${name} at ${p.ptr} was found`);
    assert.equal(m.name, `main.${name}`);
    assert.equal(m.len, p.len);
    assert.match(
      m.origin ?? "",
      new RegExp(
        `^the package-level variable main\\.${name} \\(line \\d+\\), named by DWARF; ${
          written ? "first written in main\\.main" : "not written during the run"
        }`,
      ),
    );
  }
  // without --all-maps nothing is looked for
  const plain = await run(b, { args: ["clones"], deterministic: true });
  assert.ok(!plain.maps.some((m) => m.name === "main.catalog"));
});
