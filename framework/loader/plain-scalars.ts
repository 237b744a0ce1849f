/**
 * How YAML scalars become plain JSON values (shared by to-plain.ts, which walks a parsed document, and fast-yaml.ts,
 * which builds the plain value while it reads). In: scalar nodes. Out: ScalarValue, or the text of a map key.
 * Must hold: plain scalars under the top-level `detection` and `filter` keys are typed with YAML 1.1 (PyYAML,
 * semantics §2.1); every other scalar keeps the YAML 1.2 core value the `yaml` package gave it; a map key is its
 * text as written when plain, else its decoded value.
 */
import { isScalar, type Scalar } from 'yaml';
import type { ScalarValue } from './types.js';
import { resolveYaml11Plain, type Yaml11Scalar } from './yaml11.js';

/** Top-level keys whose subtree is typed like PyYAML does. */
export const YAML11_SECTIONS: ReadonlySet<string> = new Set(['detection', 'filter']);

/** A scalar written without quotes nor tag. */
export function isImplicitPlain(node: Scalar): boolean {
  return node.type === 'PLAIN' && node.tag === undefined;
}

/** The YAML 1.1 typing of `node` when it applies (yaml11 and implicit plain), else null. */
export function yaml11Value(node: Scalar, yaml11: boolean): Yaml11Scalar | null {
  return yaml11 && isImplicitPlain(node) ? resolveYaml11Plain(node.source ?? '') : null;
}

export function asScalarValue(value: unknown): ScalarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

/** A map key as text: plain keys verbatim, quoted keys decoded, anything else stringified. */
export function keyText(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) {
    if (isImplicitPlain(key)) return key.source ?? String(key.value);
    return key.value === null ? '' : String(key.value);
  }
  return JSON.stringify(key);
}
