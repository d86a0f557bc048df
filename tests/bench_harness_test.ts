// The benchmark harness: statistics, interleaved rounds, and the regression gate (which must flag
// a regression, and leave known misses out).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  formatTable,
  gateFailures,
  type GoalResult,
  measure,
  measureGated,
  statistic,
} from "../bench/_harness.ts";

test("statistic: mean, median and p99 of a sample", () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(statistic([...xs], "mean"), 50.5);
  assert.equal(statistic([...xs], "median"), 50.5, "an even count: the mean of the two middles");
  assert.equal(statistic([9, 1], "median"), 5);
  assert.equal(statistic([...xs], "p99"), 99);
  assert.equal(statistic([5, 1, 3], "median"), 3);
  assert.ok(Number.isNaN(statistic([], "mean")));
});

test("measure: interleaves the sides and takes the median of the rounds' ratios", async () => {
  const order: string[] = [];
  const r = await measure({
    name: "synthetic",
    issue: "#0",
    goal: 2,
    statistic: "median",
    unit: "ms",
    baseline: { label: "b", sample: () => (order.push("b"), 1) },
    subject: { label: "s", sample: () => (order.push("s"), 3) },
    samples: { short: 2, full: 2 },
    rounds: { short: 3, full: 3 },
    warmup: 0,
  }, "short");
  assert.deepEqual(order, ["b", "b", "s", "s", "s", "s", "b", "b", "b", "b", "s", "s"]);
  assert.equal(r.ratio.median, 3);
  assert.equal(r.met, false);
  assert.equal(r.baseline.value, 1);
  assert.equal(r.subject.value, 3);
});

test("measure: alternate sampling takes one sample of each side in turn, so drift lands on both", async () => {
  const order: string[] = [];
  // the machine slows down sample by sample: blocks would see the later side as slower
  let t = 0;
  const r = await measure({
    name: "drift",
    issue: "#0",
    goal: 1,
    statistic: "median",
    unit: "ms",
    baseline: { label: "b", sample: () => (order.push("b"), 1 + t++ * 0.1) },
    subject: { label: "s", sample: () => (order.push("s"), 1 + t++ * 0.1) },
    samples: { short: 4, full: 4 },
    rounds: { short: 2, full: 2 },
    warmup: 0,
    sampling: "alternate",
  }, "short");
  assert.deepEqual(order.join(""), "bssbbssb" + "sbbssbbs");
  assert.ok(Math.abs(r.ratio.median - 1) < 0.01, `ratio ${r.ratio.median}`);
  const blocks = await measure({
    name: "drift",
    issue: "#0",
    goal: 1,
    statistic: "median",
    unit: "ms",
    baseline: { label: "b", sample: () => 1 + t++ * 0.1 },
    subject: { label: "s", sample: () => 1 + t++ * 0.1 },
    samples: { short: 4, full: 4 },
    rounds: { short: 1, full: 1 },
    warmup: 0,
  }, "short");
  assert.ok(blocks.ratio.median > 1.1, "blocks measure the drift as a difference");
});

test("measure: an alternate round's median ratio is over two pairs in a row, one of each order", async () => {
  // The second sample of a pair costs 1.2x (it pays for the first's leftovers), the subject is
  // 0.9x the baseline, and the machine changes speed from one two pairs to the next (10, 20, 30),
  // the last two pairs at a slow moment for the baseline only (0.6x). Samples in call order: pairs
  // b-s, s-b, b-s, s-b, b-s, s-b. Over two pairs in a row: 0.9, 0.9, 0.6, median 0.9; single pairs'
  // ratios would give 0.75 (1.08, 0.75, 1.08, 0.75, 0.72, 0.5), the ratio of the medians 18 / 22.
  const b = [10, 12, 20, 24, 30, 36];
  const s = [10.8, 9, 21.6, 18, 21.6, 18];
  let bi = 0;
  let si = 0;
  const goal = (statistic: "median" | "mean") => ({
    name: "pairs",
    issue: "#0",
    goal: 1,
    statistic,
    unit: "ms" as const,
    baseline: { label: "b", sample: () => b[bi++ % 6]! },
    subject: { label: "s", sample: () => s[si++ % 6]! },
    samples: { short: 6, full: 6 },
    rounds: { short: 1, full: 1 },
    warmup: 0,
    sampling: "alternate" as const,
  });
  const median = await measure(goal("median"), "short");
  assert.equal(median.ratio.median, 0.9);
  assert.equal(median.met, true);
  assert.equal(median.baseline.value, 22, "the sides' values are still their own medians");
  assert.equal(median.subject.value, 18);
  // an odd count: the last pair counts alone
  bi = si = 0;
  const odd = await measure({ ...goal("median"), samples: { short: 5, full: 5 } }, "short");
  assert.equal(odd.ratio.median, 0.9, "0.9, 0.9 and 21.6 / 30");
  // the mean is the ratio of the sides' means (a mean of ratios is not the ratio of total times)
  bi = si = 0;
  const mean = await measure(goal("mean"), "short");
  assert.equal(
    mean.ratio.median,
    Number(((10.8 + 9 + 21.6 + 18 + 21.6 + 18) / (10 + 12 + 20 + 24 + 30 + 36)).toPrecision(3)),
  );
});

test("measure: warm-up samples are taken and dropped", async () => {
  let calls = 0;
  const first = () => (calls++ === 0 ? 100 : 1);
  const r = await measure({
    name: "warm",
    issue: "#0",
    goal: 2,
    statistic: "mean",
    unit: "ms",
    baseline: { label: "b", sample: () => 1 },
    subject: { label: "s", sample: first },
    samples: { short: 2, full: 2 },
    rounds: { short: 1, full: 1 },
  }, "short");
  assert.equal(calls, 3, "one warm-up sample, then two");
  assert.equal(r.ratio.median, 1);
});

function result(name: string, ratio: number, goal: number, knownMiss?: string): GoalResult {
  return {
    name,
    issue: "#0",
    statistic: "median",
    unit: "ms",
    baseline: { label: "b", value: 1 },
    subject: { label: "s", value: ratio },
    ratio: { median: ratio, min: ratio, max: ratio },
    rounds: 1,
    samplesPerRound: 1,
    goal,
    met: ratio <= goal,
    ...(knownMiss ? { knownMiss } : {}),
  };
}

test("gate: a ratio over goal x (1 + margin) fails, within the margin passes, known misses are not gated", () => {
  const failures = gateFailures([
    result("fine", 0.9, 1),
    result("noisy", 1.2, 1),
    result("regressed", 1.5, 1),
    result("known", 9, 1, "#15: tracked"),
  ], 0.3);
  assert.equal(failures.length, 1);
  assert.match(failures[0]!, /^regressed: 1.5x against a goal of 1x/);
  assert.deepEqual(gateFailures([result("regressed", 1.5, 1)], 0.6), []);
});

test("gate: a goal's own margin replaces the run's, and the failure says so", () => {
  const own = { ...result("p99", 1.5, 1), gateMargin: { margin: 0.6, why: "one scavenge per round" } };
  assert.deepEqual(gateFailures([own], 0.3), []);
  const worse = { ...own, ratio: { median: 1.7, min: 1.7, max: 1.7 } };
  const failures = gateFailures([worse], 0.3);
  assert.equal(failures.length, 1);
  assert.match(failures[0]!, /60% noise margin of this goal \(one scavenge per round\): 1.6x\)$/);
});

test("table: one row per goal, a missed goal marked", () => {
  const t = formatTable([result("a", 0.5, 1), result("b", 2, 1), result("c", 2, 1, "why")]);
  assert.equal(t.split("\n").length, 5);
  assert.match(t, /\| a \(#0\) .*\| yes \|/);
  assert.match(t, /\| b \(#0\) .*\| \*\*no\*\* \|/);
  assert.match(t, /\| c \(#0\) .*\| no \(known, not gated\) \|/);
});

/** A goal whose subject takes `ratios[k]` times the baseline in its k-th measurement. */
function flaky(ratios: number[]) {
  let measurement = -1, samples = 0;
  return {
    name: "flaky",
    issue: "#0",
    goal: 1,
    statistic: "median" as const,
    unit: "ms" as const,
    baseline: { label: "b", sample: () => 1 },
    // one sample per round, one round per measurement: a new measurement every call
    subject: { label: "s", sample: () => (measurement = samples++, ratios[measurement]!) },
    samples: { short: 1, full: 1 },
    rounds: { short: 1, full: 1 },
    warmup: 0,
  };
}

test("gated measure: a goal over the gate is measured again, and fails only when both measurements do", async () => {
  const retried: number[] = [];
  const noisy = await measureGated(
    flaky([5, 0.9]),
    "short",
    0.3,
    undefined,
    (f) => retried.push(f.ratio.median),
  );
  assert.deepEqual(retried, [5]);
  assert.equal(noisy.ratio.median, 0.9, "the second measurement is the result");
  assert.equal(noisy.firstAttempt, 5);
  assert.deepEqual(gateFailures([noisy], 0.3), []);
  assert.match(formatTable([noisy]), /0\.9x \(0\.9–0\.9\), measured again \(first 5x\) \| ≤ 1x \| yes \|/);

  const regressed = await measureGated(flaky([5, 4]), "short", 0.3);
  assert.equal(regressed.ratio.median, 4);
  assert.equal(gateFailures([regressed], 0.3).length, 1, "two failures in a row fail the gate");

  const fine = await measureGated(flaky([1.2, 9]), "short", 0.3, undefined, () => assert.fail("no retry"));
  assert.equal(fine.ratio.median, 1.2, "within the margin: measured once");
  assert.equal(fine.firstAttempt, undefined);

  const ungated = await measureGated(flaky([5, 0.9]), "short", undefined);
  assert.equal(ungated.ratio.median, 5, "without a gate there is no second measurement");
});
