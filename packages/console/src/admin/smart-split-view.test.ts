import { describe, expect, test } from 'vitest';
import { anySmart, smartSplitCells, smartSplitRows } from './smart-split-view.ts';

describe('smart against static view', () => {
  const split = {
    smart: { shown: 4, accepted: 2, dismissed: 1, expired: 1, chats: 1, acceptanceRate: 0.5 },
    static: { shown: 0, accepted: 0, dismissed: 0, expired: 0, chats: 0 },
  };

  test('one row per figure, smart then static, with no rate where nothing was shown', () => {
    expect(smartSplitRows.map((row) => smartSplitCells(split, row))).toEqual([
      [4, 0],
      [2, 0],
      [1, 0],
      [1, 0],
      [1, 0],
      [0.5, undefined],
    ]);
  });

  test('a split of only static invitations has nothing smart to show', () => {
    expect(anySmart(split)).toBe(true);
    expect(anySmart({ smart: split.static, static: split.smart })).toBe(false);
  });
});
