import { frameLimits, limits } from '@beckon/protocol';

/**
 * The worst frames of each type a client can send within (and just over) the limits, each with a valid frame of
 * the same type as its baseline. `fresh`: the frame must be a socket's first (a hello), so each repetition opens
 * its own socket.
 */
export interface HostileCase {
  socket: 'visitor' | 'agent';
  name: string;
  hostile: string;
  baseline: string;
  fresh?: boolean;
}

const keys = (count: number, value: (i: number) => unknown) => {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) out[`k${i}`] = value(i);
  return out;
};
const json = (frame: unknown) => JSON.stringify(frame);
/** The largest valid context: every variable at its longest name and value. */
const fullContext = () => {
  const out: Record<string, string> = {};
  for (let i = 0; i < limits.contextMaxVariables; i++) {
    out[`${i}`.padStart(limits.contextMaxNameLength, 'n')] = 'v'.repeat(limits.contextMaxValueLength);
  }
  return out;
};
/** Nested arrays as deep as the frame limit allows. */
const deep = (depth: number) => `{"type":"ping","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const page = { url: 'https://shop.bench.example/pricing', title: 'Pricing' };
const hello = (context: unknown) =>
  json({
    type: 'hello',
    page,
    language: 'en-GB',
    device: { type: 'desktop', browser: 'Chrome', os: 'Linux' },
    context,
  });

export function hostileCases(): HostileCase[] {
  const overLimit = json({ type: 'ping', pad: 'x'.repeat(limits.frameMaxBytes) });
  const overHardCap = json({ type: 'ping', pad: 'x'.repeat(frameLimits.frameHardMaxBytes) });
  return [
    {
      socket: 'visitor',
      name: 'hello, 40,000 context keys',
      hostile: hello(keys(40_000, () => ({}))),
      baseline: hello(fullContext()),
      fresh: true,
    },
    {
      socket: 'visitor',
      name: 'context.update, 40,000 keys',
      hostile: json({ type: 'context.update', context: keys(40_000, () => ({})) }),
      baseline: json({ type: 'context.update', context: fullContext() }),
    },
    {
      socket: 'visitor',
      name: 'context.update, 2,000 keys',
      hostile: json({ type: 'context.update', context: keys(2 * frameLimits.contextMaxKeys, () => ({})) }),
      baseline: json({ type: 'context.update', context: fullContext() }),
    },
    {
      socket: 'visitor',
      name: 'track, 2,000 props',
      hostile: json({ type: 'track', name: 'e', props: keys(2_000, () => null) }),
      baseline: json({
        type: 'track',
        name: 'e',
        props: keys(frameLimits.trackMaxProps, () => 'v'.repeat(frameLimits.trackMaxPropValueLength)),
      }),
    },
    {
      socket: 'visitor',
      name: 'context.update, 1,000 invalid values',
      hostile: json({
        type: 'context.update',
        context: keys(frameLimits.contextMaxKeys, (i) => ({ value: [i, { i }] })),
      }),
      baseline: json({ type: 'context.update', context: fullContext() }),
    },
    {
      socket: 'visitor',
      name: 'track, 40,000 props',
      hostile: json({ type: 'track', name: 'e', props: keys(40_000, (i) => (i % 4 ? 0 : null)) }),
      baseline: json({
        type: 'track',
        name: 'e',
        props: keys(frameLimits.trackMaxProps, () => 'v'.repeat(frameLimits.trackMaxPropValueLength)),
      }),
    },
    {
      socket: 'visitor',
      name: 'chat.start, 40,000 pre-chat answers',
      hostile: json({ type: 'chat.start', prechat: keys(40_000, () => 1) }),
      baseline: json({ type: 'chat.start', prechat: { name: 'Ada' } }),
    },
    {
      socket: 'visitor',
      name: 'ping, 40,000 extra keys',
      hostile: json({ type: 'ping', ...keys(40_000, () => 0) }),
      baseline: json({ type: 'ping' }),
    },
    {
      socket: 'visitor',
      name: 'ping, nested 250,000 deep',
      hostile: deep(250_000),
      baseline: json({ type: 'ping' }),
    },
    {
      socket: 'visitor',
      name: 'ping, over the frame limit',
      hostile: overLimit,
      baseline: json({ type: 'ping' }),
    },
    {
      socket: 'visitor',
      name: 'ping, over the hard cap (1009)',
      hostile: overHardCap,
      baseline: json({ type: 'ping' }),
    },
    {
      socket: 'agent',
      name: 'presence.set, 40,000 extra keys',
      hostile: json({ type: 'presence.set', status: 'away', ...keys(40_000, () => 0) }),
      baseline: json({ type: 'presence.set', status: 'away' }),
    },
    {
      socket: 'agent',
      name: 'conversation.wrapUp, 3 × 160 KB fields',
      hostile: json({
        type: 'conversation.wrapUp',
        conversationId: 'c'.repeat(160_000),
        outcome: 'o'.repeat(160_000),
        notes: 'n'.repeat(160_000),
      }),
      baseline: json({
        type: 'conversation.wrapUp',
        conversationId: 'conv-1',
        outcome: 'resolved',
        notes: 'n'.repeat(limits.messageMaxLength),
      }),
    },
    {
      socket: 'agent',
      name: 'message.send, text nested 1,000 deep',
      hostile: json({
        type: 'message.send',
        conversationId: 'c',
        clientMsgId: 'm',
        text: JSON.parse(deep(1000)).x,
      }),
      baseline: json({
        type: 'message.send',
        conversationId: 'conv-1',
        clientMsgId: 'm1',
        text: 't'.repeat(limits.messageMaxLength),
      }),
    },
    {
      socket: 'agent',
      name: 'ping, nested 250,000 deep',
      hostile: deep(250_000),
      baseline: json({ type: 'ping' }),
    },
    {
      socket: 'agent',
      name: 'ping, over the frame limit',
      hostile: overLimit,
      baseline: json({ type: 'ping' }),
    },
    {
      socket: 'agent',
      name: 'ping, over the hard cap (1009)',
      hostile: overHardCap,
      baseline: json({ type: 'ping' }),
    },
  ];
}
