import { start } from './cli/start.ts';
import { ConfigError } from './config.ts';

/** `node packages/server/src/main.ts`: the same as `beckon start`, kept for scripts that start nodes this way. */
start().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
