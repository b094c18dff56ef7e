import type { AgentServerFrame, LiveVisitor, LiveVisitorFilter, LiveVisitorSort } from '@beckon/protocol';
import { useEffect, useState } from 'react';
import type { SocketStatus } from '../api/agent-socket.ts';
import { clockSkew } from '../format.ts';
import type { LiveChannel } from '../state/use-workspace.ts';

export interface LiveList {
  visitors: LiveVisitor[];
  total: number;
  /** Server clock minus ours, from the last frame: times on site and page count on the server's clock. */
  skewMs: number;
  loaded: boolean;
}

const watchDelayMs = 250;

const empty: LiveList = { visitors: [], total: 0, skewMs: 0, loaded: false };

/**
 * The live Visitors list: watches it with the filter and sort (the server filters, sorts and pages), and applies
 * each batch of changes. Watches again after a reconnect, since a watch belongs to the socket.
 */
export function useLiveVisitors(
  channel: LiveChannel,
  status: SocketStatus,
  filter: LiveVisitorFilter,
  sort: LiveVisitorSort,
): LiveList {
  const [list, setList] = useState<LiveList>(empty);
  const key = JSON.stringify(filter);

  useEffect(() => {
    const stop = channel.listen((frame: AgentServerFrame) => {
      const receivedAt = Date.now();
      if (frame.type === 'visitors.list') {
        setList({
          visitors: frame.visitors,
          total: frame.total,
          skewMs: clockSkew(frame.serverTime, receivedAt),
          loaded: true,
        });
      } else if (frame.type === 'visitors.changes') {
        setList((current) => {
          const byId = new Map(current.visitors.map((visitor) => [visitor.id, visitor]));
          for (const visitor of frame.changed) byId.set(visitor.id, visitor);
          const visitors = frame.order.flatMap((id) => byId.get(id) ?? []);
          return {
            visitors,
            total: frame.total,
            skewMs: clockSkew(frame.serverTime, receivedAt),
            loaded: true,
          };
        });
      }
    });
    return stop;
  }, [channel]);

  useEffect(() => {
    if (status !== 'open') return;
    // Typing in a filter changes it on every key: the watch goes out once the typing pauses.
    const timer = setTimeout(() => {
      channel.send({
        type: 'visitors.watch',
        filter: JSON.parse(key) as LiveVisitorFilter,
        sort,
        limit: 100,
      });
    }, watchDelayMs);
    return () => clearTimeout(timer);
  }, [channel, status, key, sort]);

  // A new watch replaces the previous one on the server; leaving the screen ends it.
  useEffect(() => () => void channel.send({ type: 'visitors.unwatch' }), [channel]);

  return list;
}
