import type { ConditionNode } from '@beckon/protocol';
import { conditionDescriptors, type Locale, say, type Text } from '@beckon/protocol/conditions';

const top: Record<string, Text> = {
  name: { en: 'Name', fr: 'Nom' },
  priority: { en: 'Priority', fr: 'Priorité' },
  queueId: { en: 'Queue', fr: 'File' },
  'message.text': { en: 'Message', fr: 'Message' },
  'message.translations': { en: 'French translation', fr: 'Traduction française' },
  caps: { en: 'Invite at most', fr: 'Inviter au plus' },
  split: { en: 'A/B split', fr: 'Test A/B' },
  conditions: { en: 'Conditions', fr: 'Conditions' },
};

/**
 * A rule body path in words: "Name", or for a condition its type and field from the descriptors,
 * "Context variable › Variable", so a problem deep in the tree says which condition it is about.
 */
export function ruleIssueLabel(path: string, conditions: ConditionNode, locale: Locale): string | undefined {
  const segments = path.split('.');
  if (segments[0] === 'conditions') {
    let node: unknown = conditions;
    let i = 1;
    while (i < segments.length && typeof node === 'object' && node !== null) {
      const segment = segments[i] as string;
      const next = (node as Record<string, unknown>)[segment];
      if (segment === 'conditions' || segment === 'condition' || /^\d+$/.test(segment)) {
        node = next;
        i++;
        continue;
      }
      break;
    }
    const type = (node as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && Object.hasOwn(conditionDescriptors, type)) {
      const descriptor = conditionDescriptors[type as keyof typeof conditionDescriptors];
      const field = descriptor.fields.find((f) => f.key === segments[i]);
      const name = say(descriptor.label, locale);
      return field ? `${name} › ${say(field.label, locale)}` : name;
    }
  }
  let best: string | undefined;
  for (const key of Object.keys(top)) {
    if ((path === key || path.startsWith(`${key}.`)) && (best === undefined || key.length > best.length))
      best = key;
  }
  return best === undefined ? undefined : say(top[best] as Text, locale);
}
