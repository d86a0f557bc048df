// Issue #16: the HTML report, checked in a real browser (headless Chromium): no error, the growth
// movie's steps and cells equal the run's data, the slider moved to a step shows that
// checkpoint's state, nothing overflows a phone-width screen; screenshots saved.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatRunHtml, run, type RunResult } from "../mod.ts";
import { repoPath, wasm } from "../tests/_helpers.ts";
import { screenshot, selfTest } from "./_chromium.ts";

const OUT = repoPath(".toolchains/cache/html-report-check");
mkdirSync(OUT, { recursive: true });

const PAGES: [string, string, string[]][] = [
  ["tinygo-0.41.0", "growth", []],
  ["go1.27.3-mapsplitgroup", "growth", []],
  ["go1.26.8", "deferred", []],
  ["tinygo-0.41.0", "panics", ["explicit"]],
];

/** The occupancy cells of `name` at the checkpoint with sequence number `seq`, from the run itself. */
function cellsAt(r: RunResult, name: string, seq: number): number {
  const cp = r.checkpoints.find((c) => c.seq === seq)!;
  return cp.maps.find((m) => m.name === name)!.occupancy!.cells.length;
}

for (const [tc, target, args] of PAGES) {
  test(`${tc} ${target}: the HTML report in headless Chromium, desktop and phone width`, async () => {
    const r = await run(wasm(tc, target), {
      args: [target, ...args],
      deterministic: true,
      checkpointOccupancy: true,
    });
    const file = join(OUT, `${tc}-${target}.html`);
    writeFileSync(file, formatRunHtml(r, { title: target }));
    const { result } = selfTest(file);
    assert.deepEqual(result.errors, []);
    assert.equal(result.maps, r.maps.length, "one card per map");
    const tracked = new Set(r.checkpoints.flatMap((c) => c.maps.map((m) => m.name)));
    const moving = [...tracked].filter((n) =>
      r.checkpoints.filter((c) => c.maps.some((m) => m.name === n)).length > 1
    );
    assert.equal(result.movies.length, moving.length, "a movie per tracked map");
    for (const mv of result.movies) {
      const steps = r.checkpoints.filter((c) =>
        c.maps.some((m) => m.name === mv.name && m.error === undefined)
      );
      assert.equal(mv.steps, steps.length, `${mv.name}: a step per checkpoint`);
      const k = Math.floor((steps.length - 1) / 2);
      assert.equal(mv.step, k, "the slider moved to the middle step");
      assert.equal(mv.seq, steps[k]!.seq);
      const len = steps[k]!.maps.find((m) => m.name === mv.name)!.len;
      assert.equal(mv.len, `len ${len}`, `${mv.name}: the state shown is checkpoint ${steps[k]!.seq}'s`);
      assert.equal(
        mv.cells,
        cellsAt(r, mv.name, steps[k]!.seq),
        `${mv.name}: a cell drawn per bucket or group`,
      );
    }
    const narrow = selfTest(file, 390, 844).result;
    assert.deepEqual(narrow.errors, []);
    assert.equal(narrow.overflow, false, "nothing wider than a phone screen");
    const png = join(OUT, `${tc}-${target}.png`);
    screenshot(file, png, 1000, 1100, target === "growth" ? "#step=1700" : "");
    assert.ok(statSync(png).size > 10_000);
    console.log(`screenshot: ${png}`);
  });
}

test("a 1M-entry map: the page opens and renders only the visible rows", async () => {
  // go1.26.8: TinyGo takes minutes to sort and print a 1M-entry map itself
  const r = await run(wasm("go1.26.8", "growth"), {
    args: ["growth", "1000000", "bulk"],
    deterministic: true,
  });
  assert.ok(r.maps.some((m) => m.len === 1_000_000));
  const file = join(OUT, "bulk-1m.html");
  const html = formatRunHtml(r, { title: "growth 1M" });
  writeFileSync(file, html);
  const { result, ms } = selfTest(file);
  assert.deepEqual(result.errors, []);
  assert.equal(result.maps, r.maps.length);
  assert.ok(
    result.tableRows.some((n) => n > 0) && result.tableRows.every((n) => n < 40),
    `rows in the DOM: ${result.tableRows}`,
  );
  console.log(
    `1M-entry page: ${(html.length / 2 ** 20).toFixed(1)} MiB; ready ${result.readyMs} ms after navigation ` +
      `(its script ${result.scriptMs} ms); headless Chromium start to DOM dump ${ms} ms`,
  );
});
