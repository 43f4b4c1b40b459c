/**
 * Chapter 6 of the course: credit scoring data, prepared as the notebook does.
 */
import { fillMissingNumbers, mapCodes, replaceWithMissing } from '../data/clean.js';
import type { Frame } from '../data/frame.js';

export const CREDIT_CODES = {
  status: { 1: 'ok', 2: 'default', 0: 'unk' },
  home: { 1: 'rent', 2: 'owner', 3: 'private', 4: 'ignore', 5: 'parents', 6: 'other', 0: 'unk' },
  marital: { 1: 'single', 2: 'married', 3: 'widow', 4: 'separated', 5: 'divorced', 0: 'unk' },
  records: { 1: 'no', 2: 'yes', 0: 'unk' },
  job: { 1: 'fixed', 2: 'partime', 3: 'freelance', 4: 'others', 0: 'unk' },
} as const satisfies Record<string, Record<number, string>>;

/** The value the data uses for "unknown" in income, assets and debt. */
export const CREDIT_SENTINEL = 99999999;

/**
 * Lower-case column names, the coded categoricals mapped to names, 99999999 to missing in income /
 * assets / debt, the single `status == 0` row dropped. Missing numbers stay missing (the notebook
 * fills them with 0 per split; `fillMissing: true` does it here).
 */
export function prepareCreditScoring(raw: Frame, options: { fillMissing?: boolean } = {}): Frame {
  let df = raw.renameColumns((n) => n.toLowerCase());
  for (const [name, codes] of Object.entries(CREDIT_CODES)) df = mapCodes(df, name, codes);
  for (const name of ['income', 'assets', 'debt']) df = replaceWithMissing(df, name, CREDIT_SENTINEL);
  const status = df.strings('status');
  const unk = status.levels.indexOf('unk');
  df = df.filter((i) => status.codes[i] !== unk);
  return options.fillMissing ? fillMissingNumbers(df, 0) : df;
}

/** `(df.status == 'default').astype(int)`. */
export function creditTarget(df: Frame): Float64Array {
  const status = df.strings('status');
  const def = status.levels.indexOf('default');
  return Float64Array.from(status.codes, (c) => (c === def ? 1 : 0));
}
