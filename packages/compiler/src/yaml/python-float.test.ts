// Expected texts recorded from Python 3.11 `repr(float)` and PyYAML 6.0.3 `yaml.dump(float)`.
import { describe, expect, it } from 'vitest';
import { pythonFloatRepr, pyyamlFloat } from './python-float.js';

/** [value, Python repr, PyYAML plain scalar] */
const FLOATS: readonly (readonly [number, string, string])[] = [
  [0, '0.0', '0.0'],
  [-0, '-0.0', '-0.0'],
  [1, '1.0', '1.0'],
  [2, '2.0', '2.0'],
  [200, '200.0', '200.0'],
  [-7, '-7.0', '-7.0'],
  [0.5, '0.5', '0.5'],
  [0.3, '0.3', '0.3'],
  [0.1 + 0.2, '0.30000000000000004', '0.30000000000000004'],
  [15.032385536, '15.032385536', '15.032385536'],
  [4.294967296, '4.294967296', '4.294967296'],
  [1e-4, '0.0001', '0.0001'],
  [1e-5, '1e-05', '1.0e-05'],
  [0.00012345, '0.00012345', '0.00012345'],
  [1.5e-7, '1.5e-07', '1.5e-07'],
  [123456789.125, '123456789.125', '123456789.125'],
  [1e15, '1000000000000000.0', '1000000000000000.0'],
  [9999999999999998, '9999999999999998.0', '9999999999999998.0'],
  [2 ** 53, '9007199254740992.0', '9007199254740992.0'],
  [1e16, '1e+16', '1.0e+16'],
  [12345678901234568, '1.2345678901234568e+16', '1.2345678901234568e+16'],
  [1e22, '1e+22', '1.0e+22'],
  [1e100, '1e+100', '1.0e+100'],
  [-2.5e-300, '-2.5e-300', '-2.5e-300'],
  [5e-324, '5e-324', '5.0e-324'],
  [1.7976931348623157e308, '1.7976931348623157e+308', '1.7976931348623157e+308'],
  [Number.NaN, 'nan', '.nan'],
  [Number.POSITIVE_INFINITY, 'inf', '.inf'],
  [Number.NEGATIVE_INFINITY, '-inf', '-.inf'],
];

describe('Python float formatting', () => {
  it.each(FLOATS)('%s', (value, repr, yaml) => {
    expect(pythonFloatRepr(value)).toBe(repr);
    expect(pyyamlFloat(value)).toBe(yaml);
  });
});
