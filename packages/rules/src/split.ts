import type { Rule, RuleMessage } from '@beckon/protocol';

export type SplitAssignment =
  | { kind: 'holdout' }
  | { kind: 'variant'; variantId: string; message: RuleMessage };

/** FNV-1a, 32 bits: fast, stable across processes and versions, and well spread for short ids. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // A final avalanche so ids that differ in their last character still land far apart.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * Which side of the rule's A/B split a visitor is on. Deterministic in (rule id, visitor id): the same visitor
 * always gets the same answer for a rule, on any node. The holdout draw and the variant draw use different
 * hashes, so changing the variants never moves visitors in or out of the holdout.
 */
export function assignSplit(rule: Rule, visitorId: string): SplitAssignment {
  const split = rule.split;
  const holdoutPercent = split?.holdoutPercent ?? 0;
  if (holdoutPercent > 0) {
    const draw = (hash32(`h\u0000${rule.id}\u0000${visitorId}`) / 2 ** 32) * 100;
    if (draw < holdoutPercent) return { kind: 'holdout' };
  }
  const variants = split?.variants ?? [];
  if (variants.length === 0) return { kind: 'variant', variantId: 'default', message: rule.message };
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  let draw = hash32(`v\u0000${rule.id}\u0000${visitorId}`) % total;
  for (const variant of variants) {
    if (draw < variant.weight) return { kind: 'variant', variantId: variant.id, message: variant.message };
    draw -= variant.weight;
  }
  const last = variants[variants.length - 1]!;
  return { kind: 'variant', variantId: last.id, message: last.message };
}
