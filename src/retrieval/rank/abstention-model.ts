/** Written by scripts/calibrate-abstention.ts from 332 tune questions; do not edit by hand. */
export const ABSTENTION_MODEL = {
  names: ["coverage","knownCoverage","missing","unknownShare","focusUnknown","kindMissing","fit","translated","untranslated","units","margin"],
  mean: [0.6589,0.7446,0.3785,0.1099,0.0035,0.0453,0.3596,0.4774,0.0685,1.8253,0.2677],
  scale: [0.2141,0.192,0.4021,0.1873,0.0589,0.208,0.4679,0.4995,0.158,0.3386,0.1793],
  weights: [0.8406,0.5335,-0.2381,-0.5973,-0.1124,-0.465,-0.0343,0.4268,0.0397,1.5873,0.4143],
  bias: 1.2756,
  threshold: 0.28,
} as const satisfies { names: readonly string[]; mean: readonly number[]; scale: readonly number[]; weights: readonly number[]; bias: number; threshold: number };
