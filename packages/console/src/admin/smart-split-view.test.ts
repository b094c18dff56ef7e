import { describe, expect, test } from 'vitest';
import {
  anySmart,
  shareRange,
  smartSplitCells,
  smartSplitRows,
  smartSplitShares,
} from './smart-split-view.ts';

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

  test('the chart draws each outcome as a share of its own side’s shown, none for a side that showed nothing', () => {
    expect(smartSplitShares(split)).toEqual([
      [0, 1, 2, 3],
      [0.5, 0.25, 0.25, 0.25],
      [0, 0, 0, 0],
    ]);
    const both = {
      smart: { shown: 10, accepted: 3, dismissed: 5, expired: 2, chats: 1 },
      static: { shown: 40, accepted: 4, dismissed: 30, expired: 6, chats: 2 },
    };
    expect(smartSplitShares(both).slice(1)).toEqual([
      [0.3, 0.5, 0.2, 0.1],
      [0.1, 0.75, 0.15, 0.05],
    ]);
  });

  test('the share axis starts at zero, leaves room above the tallest bar and stops at 100 %', () => {
    expect(shareRange(null)).toEqual([0, 0.1]);
    expect(shareRange(0.02)).toEqual([0, 0.1]);
    expect(shareRange(0.5)).toEqual([0, 0.6]);
    expect(shareRange(1)).toEqual([0, 1]);
  });
});
