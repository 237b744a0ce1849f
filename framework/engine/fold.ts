/**
 * Case folding for Sigma's case-insensitive comparisons (semantics §4, §9): Unicode lower-casing
 * (`ARRÊTÉ` ≡ `arrêté`) with the one context-dependent mapping of String.prototype.toLowerCase (Greek final
 * sigma) undone, so that folding a string equals folding its pieces. Cyrillic never folds to Latin.
 * Both evaluators fold rule literals and event values with this one function.
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.indexOf('ς') >= 0 ? lower.replace(/ς/g, 'σ') : lower;
}
