/** Written by scripts/calibrate-abstention.ts from 332 tune questions; do not edit by hand. */
export const ABSTENTION_MODEL = {
  names: ["coverage","knownCoverage","missing","unknownShare","expandedShare","focusUnknown","kindMissing","fit","translated","untranslated","units","margin"],
  mean: [0.6681,0.7373,0.3918,0.0956,0.0498,0.0068,0.0478,0.3596,0.4846,0.0389,1.8059,0.2744],
  scale: [0.2155,0.1876,0.3861,0.1748,0.1177,0.0823,0.2133,0.4706,0.4998,0.1165,0.3467,0.183],
  weights: [0.8067,0.4527,-0.1291,-0.6791,-0.557,0.3502,-0.5512,-0.1161,0.3229,0.2024,1.5931,0.5707],
  bias: 1.4385,
  threshold: 0.31,
} as const satisfies { names: readonly string[]; mean: readonly number[]; scale: readonly number[]; weights: readonly number[]; bias: number; threshold: number };
