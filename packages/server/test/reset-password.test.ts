import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { login } from '@beckon/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness } from './harness.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let h: Harness;
afterEach(async () => h?.close());

/** The SQLite file, whatever the environment running the tests points at. */
function withoutStoreUrls(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...rest } = env;
  return rest;
}

/** `npm run reset-password -- …` as a separate process on the node's SQLite file, while the node runs. */
async function resetPassword(...args: string[]) {
  return run('node', ['--import', 'tsx', 'packages/server/src/cli/main.ts', 'reset-password', ...args], {
    cwd: repoRoot,
    env: { ...withoutStoreUrls(process.env), DATA_DIR: h.dataDir! },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
}

const signsIn = async (email: string, pw: string) =>
  login(h.url, email, pw).then(
    () => true,
    () => false,
  );

// Each run is a child process loading the server through tsx: seconds of CPU, more on a loaded machine.
describe('npm run reset-password', () => {
  it('prints a new random password in a frame; the old one and the open sessions stop working', async () => {
    h = await startHarness();
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const result = await resetPassword('Agent@Beckon.local');
    expect('code' in result && result.code).toBeFalsy();
    const printed = /New password for agent@beckon\.local: (\S+)/.exec(result.stdout)?.[1];
    expect(printed).toMatch(/^[\w-]{16}$/);
    expect(result.stdout).toMatch(/┌─+┐/);
    expect(await signsIn('agent@beckon.local', password)).toBe(false);
    expect(await signsIn('agent@beckon.local', printed!)).toBe(true);
    expect(await signsIn('agent2@beckon.local', password)).toBe(true);
    const me = await fetch(`${h.url}/v1/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(401);
    const user = await h.node.store.findUserByEmail('agent@beckon.local');
    expect(user?.passwordChangeRequired).toBeFalsy();
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await h.node.services.audit.list({ action: 'user.password_reset', limit: 10 });
    expect(audit).toMatchObject([{ actorId: null, targetId: user!.id, details: { via: 'command line' } }]);
  }, 120_000);

  it('sets the password given, and refuses a short one or an unknown account without changing anything', async () => {
    h = await startHarness();
    expect((await resetPassword('admin@beckon.local', 'short')).stderr).toMatch(/at least 8 characters/);
    const unknown = await resetPassword('nobody@beckon.local');
    expect('code' in unknown && unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No account nobody@beckon\.local/);
    expect(await signsIn('admin@beckon.local', password)).toBe(true);
    const given = await resetPassword('admin@beckon.local', 'a-chosen-password');
    expect(given.stdout).toContain('New password for admin@beckon.local: a-chosen-password');
    expect(await signsIn('admin@beckon.local', 'a-chosen-password')).toBe(true);
    expect(await signsIn('admin@beckon.local', password)).toBe(false);
  }, 120_000);
});
