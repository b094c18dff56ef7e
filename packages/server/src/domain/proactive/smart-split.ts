import type { SmartSplit, SmartSplitSteps } from '@beckon/protocol';
import type { FunnelDayCount, InvitationRow, SmartCounts } from '../../ports/store.ts';
import type { ObjectiveFacts } from './objectives.ts';

/** Smart against static invitations in the funnel (docs/smart-invitations.md, "Smart and static side by side"). */

function emptyCounts(): SmartCounts {
  return { shown: 0, accepted: 0, dismissed: 0, expired: 0, agentAccepted: 0 };
}

function add(into: SmartCounts, counts: SmartCounts, sign = 1): void {
  into.shown += sign * counts.shown;
  into.accepted += sign * counts.accepted;
  into.dismissed += sign * counts.dismissed;
  into.expired += sign * counts.expired;
  into.agentAccepted += sign * counts.agentAccepted;
}

function stepsOf(counts: SmartCounts): SmartSplitSteps {
  const steps: SmartSplitSteps = {
    shown: counts.shown,
    accepted: counts.accepted,
    dismissed: counts.dismissed,
    expired: counts.expired,
    chats: counts.agentAccepted,
  };
  if (counts.shown > 0) steps.acceptanceRate = counts.accepted / counts.shown;
  return steps;
}

/**
 * One rule's shown invitations split by how they were made, plus its rolled-up days (whose smart part is stored
 * and static part is the rest). Held invitations were never shown, so they are in neither.
 */
export function smartSplitOf(
  invitations: readonly InvitationRow[],
  facts: ObjectiveFacts,
  days: readonly FunnelDayCount[] = [],
): SmartSplit {
  const smart = emptyCounts();
  const plain = emptyCounts();
  for (const d of days) {
    add(smart, d.smart);
    add(plain, {
      shown: d.shown,
      accepted: d.accepted,
      dismissed: d.dismissed,
      expired: d.expired,
      agentAccepted: d.agentAccepted,
    });
    add(plain, d.smart, -1);
  }
  for (const invitation of invitations) {
    if (invitation.status === 'held') continue;
    const into = invitation.smart ? smart : plain;
    into.shown++;
    if (invitation.status === 'accepted') into.accepted++;
    else if (invitation.status === 'dismissed') into.dismissed++;
    else if (invitation.status === 'expired') into.expired++;
    if (facts.chatFrom(invitation.id)?.acceptedAt !== undefined) into.agentAccepted++;
  }
  return { smart: stepsOf(smart), static: stepsOf(plain) };
}

/** Several rules' splits added up (the widget's whole funnel). */
export function sumSmartSplits(splits: readonly SmartSplit[]): SmartSplit {
  const smart = emptyCounts();
  const plain = emptyCounts();
  for (const split of splits) {
    add(smart, { ...split.smart, agentAccepted: split.smart.chats });
    add(plain, { ...split.static, agentAccepted: split.static.chats });
  }
  return { smart: stepsOf(smart), static: stepsOf(plain) };
}
