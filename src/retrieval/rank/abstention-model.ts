/** Written by scripts/calibrate-abstention.ts from 333 tune questions; do not edit by hand. */
export const ABSTENTION_MODEL = {
  names: ["coverage","knownCoverage","missing","unknownShare","expandedShare","focusUnknown","kindMissing","fit","translated","untranslated","units","margin"],
  mean: [0.6788,0.7373,0.3904,0.0813,0.0492,0.0068,0.0407,0.3585,0.4847,0.0268,1.8004,0.2761],
  scale: [0.2146,0.1887,0.3874,0.1681,0.1174,0.0821,0.1975,0.4712,0.4998,0.1005,0.3473,0.1849],
  weights: [0.7725,0.4343,-0.1544,-0.7036,-0.5968,0.355,-0.6314,-0.1841,0.3592,0.0051,1.5749,0.6484],
  bias: 1.4851,
  threshold: 0.3,
} as const satisfies { names: readonly string[]; mean: readonly number[]; scale: readonly number[]; weights: readonly number[]; bias: number; threshold: number };
