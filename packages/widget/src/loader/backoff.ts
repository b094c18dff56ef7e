/** Reconnect delays after a connection that had been open drops: quick at first, then capped at 30 s. */
export const reconnectDelaysMs = [1000, 2000, 5000, 10_000, 30_000] as const;

/**
 * Delay before reconnect attempt number `attempt` (0-based), with ±20 % jitter so that many visitors
 * dropped at once (a node restarting) do not all come back in the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const index = Number.isFinite(attempt)
    ? Math.min(Math.max(0, Math.floor(attempt)), reconnectDelaysMs.length - 1)
    : 0;
  const base = reconnectDelaysMs[index] ?? 30_000;
  return Math.round(base * (0.8 + 0.4 * random()));
}
