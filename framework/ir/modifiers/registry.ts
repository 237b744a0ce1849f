/**
 * The modifier table: name → unit. Adding a modifier = one unit in its file + one entry here.
 * Frozen at load; no run-time mutation.
 */
import { comparisons, timeParts } from './compare.js';
import { base64, base64offset, utf16beModifier, utf16leModifier, utf16Modifier, wide } from './encoding.js';
import { expand } from './expand.js';
import { exists, fieldref } from './field.js';
import { all, neq } from './list.js';
import { cidr } from './network.js';
import { re, regexFlags } from './regex.js';
import { cased, contains, endswith, startswith } from './string.js';
import type { ModifierDef } from './work.js';
import { windash } from './windash.js';

const DEFINITIONS: readonly ModifierDef[] = [
  contains,
  startswith,
  endswith,
  cased,
  all,
  neq,
  base64,
  base64offset,
  wide,
  utf16leModifier,
  utf16beModifier,
  utf16Modifier,
  windash,
  re,
  ...regexFlags,
  ...comparisons,
  ...timeParts,
  cidr,
  exists,
  fieldref,
  expand,
];

export const MODIFIERS: ReadonlyMap<string, ModifierDef> = new Map(DEFINITIONS.map((d) => [d.name, d]));

export const MODIFIER_NAMES: readonly string[] = [...MODIFIERS.keys()].sort();
