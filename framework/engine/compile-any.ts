/**
 * The OR of many scalar matchers on one value (an item's values, `field: [a, b, …]`, and each value's
 * alternatives): compileAnyScalar(matchers) is true exactly when some compileScalarTest(m) is (compile-matcher.ts),
 * but the common shapes are grouped so that a value is looked at once per group, not once per matcher:
 *  - case-insensitive exact strings (no wildcard): one Set of folded literals;
 *  - case-insensitive `*x*` (contains): the needles in one NeedleIndex (aho-corasick.ts), which reads the text once
 *    and folds it only when it is not ASCII — a rule's fifty `CommandLine|contains` values cost one scan, not fifty
 *    searches; up to FEW_NEEDLES of them are searched one by one;
 *  - case-insensitive `x*` / `*x` (startswith / endswith): one list each, tested in a plain loop;
 *  - everything else (cased strings, `?` globs, regexes, numbers, CIDR…): its own test, after the groups.
 * Matchers have no side effects, so the order of the tests does not change the result.
 */
import { NeedleIndex, type NeedleSink } from './aho-corasick.js';
import { compileScalarTest, literalsOf, type ScalarTest, type ValueView } from './compile-matcher.js';
import type { IrMatcher } from '../ir/types.js';

/**
 * Up to this many contains-needles are searched one by one (String.prototype.includes); more share an index. Not
 * fewer: every index is an automaton, which costs memory and build time.
 */
const FEW_NEEDLES = 8;

/** The shape of a case-insensitive `*`-only glob, or null when it has none of the grouped shapes. */
type GlobShape = { readonly kind: 'exact' | 'contains' | 'prefix' | 'suffix'; readonly literal: string };

function globShape(m: IrMatcher): GlobShape | null {
  if (m.kind !== 'string' || m.cased || m.pattern.some((p) => p.t === 'one')) return null;
  const segments = literalsOf(m.pattern, false);
  const [first, second, third] = segments as [string, string?, string?];
  if (segments.length === 1) return { kind: 'exact', literal: first };
  if (segments.length === 2 && first === '' && second !== '') return { kind: 'suffix', literal: second as string };
  if (segments.length === 2 && first !== '' && second === '') return { kind: 'prefix', literal: first };
  if (segments.length === 3 && first === '' && third === '' && second !== '') return { kind: 'contains', literal: second as string };
  return null;
}

/** Records whether any needle was reported (reset before each scan). */
class AnyHit implements NeedleSink {
  hit = false;
  needle(): void {
    this.hit = true;
  }
}

function containsTest(needles: readonly string[]): ScalarTest {
  if (needles.length <= FEW_NEEDLES) {
    return (v) => {
      const folded = v.folded;
      for (let i = 0; i < needles.length; i++) if (folded.includes(needles[i] as string)) return true;
      return false;
    };
  }
  const index = new NeedleIndex(needles);
  const sink = new AnyHit();
  return (v) => {
    sink.hit = false;
    index.scan(v, sink);
    return sink.hit;
  };
}

function prefixTest(literals: readonly string[]): ScalarTest {
  return (v) => {
    const folded = v.folded;
    for (let i = 0; i < literals.length; i++) if (folded.startsWith(literals[i] as string)) return true;
    return false;
  };
}

function suffixTest(literals: readonly string[]): ScalarTest {
  return (v) => {
    const folded = v.folded;
    for (let i = 0; i < literals.length; i++) if (folded.endsWith(literals[i] as string)) return true;
    return false;
  };
}

/** True when some matcher holds on the value (matchers other than null, exists and fieldref). */
export function compileAnyScalar(matchers: readonly IrMatcher[]): ScalarTest {
  const groups = { exact: new Set<string>(), contains: new Set<string>(), prefix: new Set<string>(), suffix: new Set<string>() };
  const others: ScalarTest[] = [];
  for (const m of matchers) {
    const shape = globShape(m);
    if (shape) groups[shape.kind].add(shape.literal);
    else others.push(compileScalarTest(m));
  }
  const tests: ScalarTest[] = [];
  const { exact, contains, prefix, suffix } = groups;
  if (exact.size === 1) {
    const only = [...exact][0] as string;
    tests.push((v) => v.folded === only);
  } else if (exact.size > 1) tests.push((v) => exact.has(v.folded));
  if (prefix.size > 0) tests.push(prefixTest([...prefix]));
  if (suffix.size > 0) tests.push(suffixTest([...suffix]));
  if (contains.size > 0) tests.push(containsTest([...contains]));
  tests.push(...others);
  return anyScalar(tests);
}

function anyScalar(tests: readonly ScalarTest[]): ScalarTest {
  if (tests.length === 1) return tests[0] as ScalarTest;
  return (v: ValueView) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as ScalarTest)(v)) return true;
    return false;
  };
}
