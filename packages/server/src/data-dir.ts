import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config.ts';

/**
 * `mkdir -p` that gives up. Node's own recursive mkdir retries forever where a parent exists but refuses new
 * entries with ENOENT (under /proc, some FUSE mounts), which hung the process instead of failing.
 */
export function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(dir).isDirectory()) return;
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir || existsSync(parent)) throw error;
    makeDirectory(parent);
    mkdirSync(dir);
  }
}

/** DATA_DIR, created when missing; a folder that cannot be made is a configuration problem, said in words. */
export function makeDataDir(dir: string): void {
  try {
    makeDirectory(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(
      `The data directory ${dir} cannot be created (${code}). Set DATA_DIR to a directory the user running Beckon may write to.`,
    );
  }
}
