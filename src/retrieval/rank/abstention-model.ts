/** Written by scripts/calibrate-abstention.ts from 331 tune questions; do not edit by hand. */
export const ABSTENTION_MODEL = {
  names: ["coverage","knownCoverage","missing","unknownShare","expandedShare","focusUnknown","kindMissing","fit","translated","untranslated","units","margin"],
  mean: [0.6609,0.7472,0.3777,0.113,0.0439,0.0068,0.0514,0.3562,0.4829,0.0715,1.811,0.273],
  scale: [0.2159,0.1885,0.3846,0.1895,0.11,0.0825,0.2208,0.4704,0.4997,0.1614,0.3408,0.1836],
  weights: [0.8666,0.3793,-0.1442,-0.6426,-0.4726,-0.076,-0.5736,-0.1166,0.3721,0.1067,1.566,0.4996],
  bias: 1.3593,
  threshold: 0.32,
} as const satisfies { names: readonly string[]; mean: readonly number[]; scale: readonly number[]; weights: readonly number[]; bias: number; threshold: number };
