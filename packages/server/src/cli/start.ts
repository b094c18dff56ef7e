import { createBeckon } from '../app.ts';
import { loadConfigFromProcess } from '../config.ts';
import { startupBanner } from '../startup-banner.ts';

/** `beckon start`: one node; SQLite and the in-process bus by default, PostgreSQL and Redis when configured. */
export async function start(): Promise<void> {
  const config = loadConfigFromProcess();
  const node = await createBeckon({ config });
  const { url, port, seed } = await node.listen();
  // The generated password is printed once, framed apart from the JSON logs; it is stored only as a hash.
  process.stdout.write(
    startupBanner({
      url,
      host: config.host,
      port,
      demo: config.seedDemo,
      password: seed.generatedPassword,
      // Run from the sources (a clone) this module is TypeScript; the installed package runs the bundle.
      resetCommand: import.meta.url.endsWith('.ts')
        ? 'npm run reset-password --'
        : 'npx beckon reset-password',
    }),
  );
  const stop = async (signal: string) => {
    node.logger.info({ signal, drainMs: config.drainMs }, 'shutting down');
    await node.close({ drainMs: config.drainMs });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
