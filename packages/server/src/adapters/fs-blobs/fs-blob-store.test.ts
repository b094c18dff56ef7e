import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeBlobStoreContract } from '../../ports/blob-store.contract.ts';
import { FsBlobStore } from './fs-blob-store.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'beckon-blobs-'));
let n = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

// Two nodes sharing one data directory (a shared volume).
describeBlobStoreContract('filesystem', async () => {
  const dir = path.join(root, `case-${++n}`);
  return [new FsBlobStore(dir), new FsBlobStore(dir)];
});

describe('FsBlobStore', () => {
  it('leaves no temporary file behind once written', async () => {
    const dir = path.join(root, 'temporary');
    const store = new FsBlobStore(dir);
    await Promise.all(['fil_a', 'fil_b', 'fil_a'].map((key) => store.put(key, Buffer.from(key))));
    expect(readdirSync(dir).sort()).toEqual(['fil_a', 'fil_b']);
  });
});
