/**
 * Python's `repr(float)` and PyYAML's float representer, for JS numbers.
 *
 * Both Python (David Gay's shortest round-trip algorithm) and JS (`Number.prototype.toExponential()`
 * without an argument) produce the shortest digit string that reads back as the same double, so only
 * the layout differs and is re-done here.
 */

/**
 * Python `repr(x)` (and `str(x)`) of a float: `2.0`, `0.3`, `1e-05`, `1e+16`, `nan`, `inf`, `-0.0`.
 *
 * Python writes positional notation when the decimal exponent is in [-4, 16) and scientific notation
 * otherwise; scientific notation has a sign and at least two exponent digits, and no `.0` when the
 * mantissa has a single digit. Positional notation always has a fractional part (`2.0`).
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0.0`;

  // `toExponential()` gives "d.ddddde±x" with the shortest round-trip digits.
  const [mantissa = '', exponentText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);

  if (exponent >= -4 && exponent < 16) {
    if (exponent >= 0) {
      const integerPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const fractionPart = digits.slice(exponent + 1) || '0';
      return `${sign}${integerPart}.${fractionPart}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const scientificMantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const exponentSign = exponent < 0 ? '-' : '+';
  return `${sign}${scientificMantissa}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * The plain scalar PyYAML's `represent_float` writes: `.nan`, `.inf`, `-.inf`, or the lower-cased
 * `repr`, with `.0` inserted before the exponent when the mantissa has no dot (`1e-05` becomes
 * `1.0e-05`) because YAML 1.1's float pattern requires a dot.
 */
export function pyyamlFloat(x: number): string {
  if (Number.isNaN(x)) return '.nan';
  if (x === Number.POSITIVE_INFINITY) return '.inf';
  if (x === Number.NEGATIVE_INFINITY) return '-.inf';
  const repr = pythonFloatRepr(x);
  return !repr.includes('.') && repr.includes('e') ? repr.replace('e', '.0e') : repr;
}
