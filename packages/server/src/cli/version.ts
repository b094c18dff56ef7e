import { protocolVersion } from '@beckon/protocol';
import manifest from '../../../../package.json' with { type: 'json' };
import { knownMigrationCount } from '../composition/migration-state.ts';

/** Beckon's release (the repository's and the installed package's version, the same number). */
export const beckonVersion: string = manifest.version;

/** `beckon version`: what to quote in a bug report, and what an upgrade changes. */
export function versionText(): string {
  return `beckon ${beckonVersion} (realtime protocol ${protocolVersion}, ${knownMigrationCount} database migrations, Node.js ${process.version})\n`;
}
