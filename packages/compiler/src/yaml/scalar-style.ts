/**
 * PyYAML's `choose_scalar_style` for block context with `yaml.dump` defaults, memoised per string
 * (the IR repeats the same keys and values thousands of times).
 */

import { isImplicitString } from './resolver.js';
import { analyzeScalar } from './scalar-analysis.js';

export type ScalarStyle = 'plain' | 'single-quoted' | 'double-quoted';

/** The styles of one string as a mapping key and elsewhere (value, sequence item, document root). */
interface ScalarStyles {
  readonly asKey: ScalarStyle;
  readonly asValue: ScalarStyle;
}

/**
 * Plain when the string reads back as a string (`implicit`) and the analysis allows it, except that a
 * simple key may not be empty or multi-line; otherwise single quotes when allowed (never for a
 * multi-line simple key); otherwise double quotes.
 */
function chooseStyles(text: string, implicit: boolean): ScalarStyles {
  const analysis = analyzeScalar(text);
  const style = (simpleKey: boolean): ScalarStyle => {
    const keyForbidsPlain = simpleKey && (analysis.empty || analysis.multiline);
    if (implicit && !keyForbidsPlain && analysis.allowBlockPlain) return 'plain';
    if (analysis.allowSingleQuoted && !(simpleKey && analysis.multiline)) return 'single-quoted';
    return 'double-quoted';
  };
  return { asKey: style(true), asValue: style(false) };
}

export class ScalarStyleCache {
  private readonly strings = new Map<string, ScalarStyles>();
  /** Non-string scalars (`null`, `true`, `2.0`, `.inf`) always resolve to their own type. */
  private readonly others = new Map<string, ScalarStyles>();

  /**
   * The style for `text`. `isString`: it represents a Python `str`, so it may be plain only if no
   * resolver would read it back as another type; other scalars are always "implicit".
   */
  styleOf(text: string, isString: boolean, simpleKey: boolean): ScalarStyle {
    const cache = isString ? this.strings : this.others;
    let styles = cache.get(text);
    if (styles === undefined) {
      styles = chooseStyles(text, isString ? isImplicitString(text) : true);
      cache.set(text, styles);
    }
    return simpleKey ? styles.asKey : styles.asValue;
  }
}
