import { createBeckon } from './app.ts';
import { ConfigError, loadConfigFromProcess } from './config.ts';

/** `npm start`: one node; SQLite and the in-process bus by default, PostgreSQL and Redis when configured. */
async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  const node = await createBeckon({ config });
  const { url, seed } = await node.listen();
  if (seed.generatedPassword) {
    // Printed once on stdout for the person starting the demo; it is stored only as an argon2 hash.
    process.stdout.write(
      `\nDemo accounts: admin@beckon.local / agent@beckon.local, password: ${seed.generatedPassword}\n`,
    );
  }
  process.stdout.write(`\nBeckon is running: demo ${url}/demo/  console ${url}/console/\n\n`);
  const stop = async (signal: string) => {
    node.logger.info({ signal, drainMs: config.drainMs }, 'shutting down');
    await node.close({ drainMs: config.drainMs });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
