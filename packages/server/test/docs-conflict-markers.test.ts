import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const pages = [
  'README.md',
  ...readdirSync(new URL('docs/', root), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

describe('the documentation', () => {
  // A merge that stopped on a conflict can leave both sides and the markers in a page; nothing else fails then.
  it.each(pages)('%s holds no merge-conflict markers', (page) => {
    const text = readFileSync(new URL(page, root), 'utf8');
    const markers = text.split('\n').filter((line) => /^(<{7} |={7}$|>{7} )/.test(line));
    expect(markers).toEqual([]);
  });
});
