// Issue #15: the JSON report is written in pieces (entries in batches, never one string of them
// all), and the pieces make exactly the report runReportJson returns.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runReportJson } from "../mod.ts";
import { writeRunReportJson } from "../lib/run/mod.ts";
import { runTarget, TOOLCHAINS } from "./_helpers.ts";

for (const tc of TOOLCHAINS) {
  test(`${tc}: a 10,000-entry map's report streams in batches and joins to runReportJson's text`, async () => {
    const r = await runTarget(tc, "growth", ["10000", "bulk"]);
    const pieces: string[] = [];
    writeRunReportJson(r, (t) => pieces.push(t));
    const whole = runReportJson(r);
    assert.equal(pieces.join(""), whole);
    const ints = JSON.parse(whole).maps.find((m: { name: string }) => m.name === "ints");
    assert.equal(ints.entries.length, 10_000);
    // no one piece holds all the entries: they came in batches of 4,096
    const longest = Math.max(...pieces.map((p) => p.length));
    assert.ok(longest < whole.length / 2, `a piece of ${longest} of ${whole.length} characters`);
    assert.ok(pieces.filter((p) => p.startsWith(", [")).length >= 2, "at least three batches of entries");
  });
}
