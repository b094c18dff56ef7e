import type { Rule } from '@beckon/protocol';

const maxVersions = 10_000;

/**
 * The engine compiles each rule once per rule object (a WeakMap), but the store returns new objects on every
 * read. This hands back the first object seen for each rule version, so compilation happens once per version
 * instead of once per visitor event. A version is (id, updatedAt): WidgetsService makes updatedAt strictly
 * increase on every change of a rule.
 */
export class RuleVersions {
  private readonly byVersion = new Map<string, Rule>();

  stable(rules: readonly Rule[]): Rule[] {
    return rules.map((rule) => {
      const key = `${rule.id}@${rule.updatedAt}`;
      const known = this.byVersion.get(key);
      if (known) return known;
      // Old versions are never asked for again; dropping everything at the bound costs one recompile each.
      if (this.byVersion.size >= maxVersions) this.byVersion.clear();
      this.byVersion.set(key, rule);
      return rule;
    });
  }
}
