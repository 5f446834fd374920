/** Written by scripts/calibrate-abstention.ts from 325 tune questions; do not edit by hand. */
export const ABSTENTION_MODEL = {
  names: ["coverage","knownCoverage","missing","unknownShare","focusUnknown","kindMissing","fit","translated","untranslated","units","margin"],
  mean: [0.665,0.7505,0.3067,0.1077,0.0071,0.0532,0.3683,0.4858,0.0697,1.8328,0.2686],
  scale: [0.2093,0.1872,0.4046,0.1829,0.0839,0.2244,0.4711,0.4998,0.1591,0.3352,0.1809],
  weights: [0.8662,0.6441,0.1588,-0.457,-0.1695,-0.4808,-0.0354,0.3252,0.0346,1.527,0.3815],
  bias: 1.2962,
  threshold: 0.29,
} as const satisfies { names: readonly string[]; mean: readonly number[]; scale: readonly number[]; weights: readonly number[]; bias: number; threshold: number };
