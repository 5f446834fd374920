/** Written by scripts/calibrate-abstention.ts from 331 tune questions; do not edit by hand. */
export const ABSTENTION_MODEL = {
  names: ["coverage","knownCoverage","missing","unknownShare","expandedShare","focusUnknown","kindMissing","fit","translated","untranslated","units","margin"],
  mean: [0.6594,0.7504,0.3731,0.1183,0.0457,0.0069,0.0481,0.3498,0.4811,0.0767,1.8212,0.2685],
  scale: [0.2189,0.1894,0.3831,0.195,0.1103,0.0826,0.214,0.4684,0.4996,0.1691,0.3382,0.183],
  weights: [0.8345,0.35,-0.187,-0.6594,-0.5097,-0.0764,-0.538,-0.0966,0.3044,0.0869,1.5469,0.5206],
  bias: 1.334,
  threshold: 0.3,
} as const satisfies { names: readonly string[]; mean: readonly number[]; scale: readonly number[]; weights: readonly number[]; bias: number; threshold: number };
