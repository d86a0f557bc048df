// Issue #12: one program with a global map, local maps and a panic (go-targets/nomaps), built with
// every common build flag of both toolchains, run with allMaps. Each build must give the panic
// message (or, with -panic=trap, the trap) and its maps; the test names what each build gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { run } from "../mod.ts";
import { entriesText, repoPath, views } from "../tests/_helpers.ts";
import { build } from "./_build.ts";

const src = repoPath("go-targets");
const GO = "GOOS=wasip1 GOARCH=wasm go build -buildvcs=false";
const GO_NEXT = "GOOS=wasip1 GOARCH=wasm go1.27.3 build -buildvcs=false";
const TINY = "tinygo build -target=wasip1";

interface Variant {
  name: string;
  command: string;
  /** What the build gives, as the test asserts it. */
  gives: "panic, maps with len" | "panic, typed maps with entries" | "trap, maps with len";
}

const VARIANTS: Variant[] = [
  { name: "tinygo-default", command: TINY, gives: "panic, maps with len" },
  { name: "tinygo-no-debug", command: `${TINY} -no-debug`, gives: "panic, maps with len" },
  { name: "tinygo-opt2", command: `${TINY} -opt=2`, gives: "panic, maps with len" },
  { name: "tinygo-panic-trap", command: `${TINY} -panic=trap`, gives: "trap, maps with len" },
  { name: "tinygo-scheduler-none", command: `${TINY} -scheduler=none`, gives: "panic, maps with len" },
  { name: "tinygo-gc-leaking", command: `${TINY} -gc=leaking`, gives: "panic, maps with len" },
  { name: "go-default", command: GO, gives: "panic, typed maps with entries" },
  { name: "go-stripped", command: `${GO} -ldflags="-s -w"`, gives: "panic, typed maps with entries" },
  { name: "go-noopt", command: `${GO} -gcflags=all="-N -l"`, gives: "panic, typed maps with entries" },
  { name: "go-trimpath", command: `${GO} -trimpath`, gives: "panic, typed maps with entries" },
  { name: "go1.27-default", command: GO_NEXT, gives: "panic, typed maps with entries" },
  {
    name: "go1.27-mapsplitgroup",
    command: `GOEXPERIMENT=mapsplitgroup ${GO_NEXT}`,
    gives: "panic, typed maps with entries",
  },
];

for (const v of VARIANTS) {
  test(`${v.name} (${v.command.replace(/GOOS=wasip1 GOARCH=wasm /, "")}): ${v.gives}`, async () => {
    const bytes = build({ name: v.name, command: v.command, pkg: "./nomaps", dir: src }, src);
    const r = await run(bytes, { args: ["nomaps"], deterministic: true, allMaps: true });
    const printed = views(r.stdout.lines);
    assert.equal(printed.length, 10, "the program printed its ten maps");
    if (v.gives.startsWith("trap")) {
      assert.equal(r.trap?.kind, "unreachable");
    } else {
      assert.equal(r.panic?.message, "ten maps, no probe");
      assert.equal(r.panics.at(-1)?.value, "ten maps, no probe", "seen at the panic's first instruction");
    }
    for (const p of printed) {
      const m = r.maps.find((s) => "0x" + s.address.toString(16) === p.ptr);
      assert.ok(m, `${p.name} at ${p.ptr} was found`);
      assert.equal(m.error, undefined, m.error);
      assert.equal(m.len, p.len, `${p.name}: len`);
      if (v.gives.includes("typed")) assert.equal(entriesText(m), p.entries, `${p.name}: entries`);
    }
    console.log(
      `${v.name}: ${r.panic ? "panic " + JSON.stringify(r.panic.message) : "trap " + r.trap?.kind}, ` +
        `${printed.length} program maps found (${r.maps.length} in all), hooks ${JSON.stringify(r.hooked)}`,
    );
  });
}
