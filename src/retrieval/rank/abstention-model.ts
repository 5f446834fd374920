/** Written by scripts/calibrate-abstention.ts from 597 tune questions; do not edit by hand. */
export const ABSTENTION_MODEL = {
  names: ["coverage","knownCoverage","missing","unknownShare","expandedShare","focusUnknown","kindMissing","fit","translated","untranslated","units","margin"],
  mean: [0.6786,0.735,0.4118,0.0812,0.0512,0.0074,0.0298,0.3518,0.4655,0.0254,1.8611,0.2754],
  scale: [0.2139,0.1869,0.3948,0.1615,0.1099,0.086,0.17,0.4655,0.4988,0.0944,0.3557,0.1867],
  weights: [0.6352,0.4902,-0.12,-0.4786,-0.4871,0.0751,-0.4795,-0.1462,0.0994,-0.0579,1.227,0.3221],
  bias: 0.7989,
  threshold: 0.29,
} as const satisfies { names: readonly string[]; mean: readonly number[]; scale: readonly number[]; weights: readonly number[]; bias: number; threshold: number };
