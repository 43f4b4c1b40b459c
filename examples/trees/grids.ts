/**
 * The tuning grids of chapter 6, as literal lists of parameter structs (each item is one task of a
 * parallel-for). The decision tree grid is the course's 3 x 8; the others are sized like the
 * course's sweeps (20 forests, 36 boosting configurations).
 */
import type { z } from 'zod';
import type { DecisionTreeParams, GradientBoostingParams, RandomForestParams } from './components.js';

export const decisionTreeGrid: z.infer<typeof DecisionTreeParams>[] = [4, 5, 6].flatMap((max_depth) =>
  [1, 5, 10, 15, 20, 100, 200, 500].map((min_samples_leaf) => ({ max_depth, min_samples_leaf })),
);

/** `n_estimators` from 10 to 200 in steps of 10, with the course's max_depth=10, min_samples_leaf=3. */
export const randomForestGrid: z.infer<typeof RandomForestParams>[] = Array.from({ length: 20 }, (_, i) => ({
  n_estimators: 10 * (i + 1),
  max_depth: 10,
  min_samples_leaf: 3,
}));

export const gradientBoostingGrid: z.infer<typeof GradientBoostingParams>[] = [0.3, 0.1, 0.05].flatMap(
  (eta) =>
    [3, 4, 6, 10].flatMap((max_depth) =>
      [1, 10, 30].map((min_child_weight) => ({ eta, max_depth, min_child_weight })),
    ),
);
