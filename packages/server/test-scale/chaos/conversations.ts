import { sleep, until } from '../waiting.ts';
import type { ChaosAgent, ChaosVisitor } from './clients.ts';

/**
 * Both sides of each conversation send `messagesPerSide` messages, a pair at a time after a random pause in
 * `pauseMs`, each pair only once the previous one was acknowledged (across reconnects). Texts name the
 * conversation, side and index (`c3-v0`, `c3-a0`), so the verdict can check order and uniqueness.
 */
export async function converse(
  visitors: readonly ChaosVisitor[],
  agentOf: ReadonlyMap<string, ChaosAgent>,
  messagesPerSide: number,
  pauseMs: [min: number, max: number],
): Promise<void> {
  await Promise.all(
    visitors.map(async (visitor, c) => {
      const conversationId = visitor.conversationId ?? '';
      const agent = agentOf.get(conversationId);
      if (!agent) throw new Error(`no agent for ${conversationId}`);
      for (let i = 0; i < messagesPerSide; i++) {
        await sleep(pauseMs[0] + Math.random() * (pauseMs[1] - pauseMs[0]));
        visitor.say(`c${c}-v${i}`);
        agent.say(conversationId, `c${c}-a${i}`);
        await until(
          `acks in ${conversationId}`,
          () => visitor.pending === 0 && agent.pending(conversationId) === 0,
          60_000,
        );
      }
    }),
  );
}
