import { type Logger, pino } from 'pino';

export interface CapturedLog {
  logger: Logger;
  /** Records at error level or above (pino level ≥ 50) since the last `clear()`. */
  errors(): Record<string, unknown>[];
  clear(): void;
}

/** A pino logger that keeps its warn-and-above records in memory, so a test can say the node logged no error. */
export function capturedLogger(): CapturedLog {
  const records: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => void records.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return {
    logger,
    errors: () => records.filter((record) => (record.level as number) >= 50),
    clear: () => {
      records.length = 0;
    },
  };
}
