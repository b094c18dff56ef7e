import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck } from '../types.ts';
import type { Compilers } from './compiler.ts';

type AuthenticatedCondition = Extract<LeafCondition, { type: 'authenticated' }>;
type CustomerCondition = Extract<LeafCondition, { type: 'customer' }>;

/** Signed in through a verified site token (`value: true`), or not (`value: false`). */
export function compileAuthenticated(condition: AuthenticatedCondition): LeafCheck {
  return (facts) => ({ ok: facts.authenticated === condition.value, actual: facts.authenticated });
}

/**
 * A field of the linked customer record: `eq` / `neq` compare case-insensitively, `contains` is a
 * case-insensitive substring, `exists` means the field is set. No linked customer: every field is missing,
 * which only `neq` matches.
 */
export function compileCustomer(condition: CustomerCondition): LeafCheck {
  const wanted = (condition.value ?? '').toLowerCase();
  return (facts) => {
    const actual = facts.customer?.[condition.field];
    const present = actual !== undefined && actual !== '';
    switch (condition.op) {
      case 'exists':
        return { ok: present, actual };
      case 'eq':
        return { ok: present && actual.toLowerCase() === wanted, actual };
      case 'neq':
        return { ok: !present || actual.toLowerCase() !== wanted, actual };
      case 'contains':
        return { ok: present && actual.toLowerCase().includes(wanted), actual };
    }
  };
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'authenticated' | 'customer'> = {
  authenticated: compileAuthenticated,
  customer: compileCustomer,
};
