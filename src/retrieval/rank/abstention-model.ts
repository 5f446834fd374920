/** Written by scripts/calibrate-abstention.ts from 331 tune questions; do not edit by hand. */
export const ABSTENTION_MODEL = {
  names: ["coverage","knownCoverage","missing","unknownShare","expandedShare","focusUnknown","kindMissing","fit","translated","untranslated","units","margin"],
  mean: [0.6627,0.7522,0.369,0.1168,0.0443,0.0068,0.0479,0.3521,0.4795,0.0753,1.8183,0.2675],
  scale: [0.2199,0.1902,0.3843,0.1931,0.11,0.0825,0.2137,0.4691,0.4996,0.1666,0.3379,0.1838],
  weights: [0.8307,0.3511,-0.1906,-0.6571,-0.5289,-0.0766,-0.5367,-0.0964,0.3048,0.082,1.5372,0.5265],
  bias: 1.3361,
  threshold: 0.3,
} as const satisfies { names: readonly string[]; mean: readonly number[]; scale: readonly number[]; weights: readonly number[]; bias: number; threshold: number };
