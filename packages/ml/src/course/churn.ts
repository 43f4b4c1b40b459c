/**
 * Chapters 3-4 of the course: the Telco customer churn data, prepared as the notebooks do.
 */
import { courseClean, toNumeric } from '../data/clean.js';
import type { Frame } from '../data/frame.js';

export const CHURN_NUMERICAL = ['tenure', 'monthlycharges', 'totalcharges'] as const;

/** The notebook's `categorical` list (seniorcitizen is 0/1, so it stays one numeric feature). */
export const CHURN_CATEGORICAL = [
  'gender',
  'seniorcitizen',
  'partner',
  'dependents',
  'phoneservice',
  'multiplelines',
  'internetservice',
  'onlinesecurity',
  'onlinebackup',
  'deviceprotection',
  'techsupport',
  'streamingtv',
  'streamingmovies',
  'contract',
  'paperlessbilling',
  'paymentmethod',
] as const;

/** The DictVectorizer input columns, in the notebook's order (`categorical + numerical`). */
export const CHURN_FEATURES: readonly string[] = [...CHURN_CATEGORICAL, ...CHURN_NUMERICAL];

/**
 * Lower-case names and values with underscores, `totalcharges` to a number with blanks as 0
 * (`pd.to_numeric(errors='coerce').fillna(0)`), and `churn` as 0/1.
 */
export function prepareChurn(raw: Frame): Frame {
  const clean = toNumeric(courseClean(raw), 'totalcharges', { errors: 0 });
  const churn = clean.strings('churn');
  const yes = churn.levels.indexOf('yes');
  const target = Float64Array.from(churn.codes, (c) => (c === yes ? 1 : 0));
  return clean.withColumn('churn', { kind: 'number', values: target });
}
