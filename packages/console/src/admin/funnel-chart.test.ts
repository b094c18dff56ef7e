import { describe, expect, test } from 'vitest';
import { countRange, tooltipLines } from './funnel-chart.tsx';

describe('funnel chart', () => {
  test('the count axis starts at zero, with room above the tallest bar', () => {
    expect(countRange(null)).toEqual([0, 2]);
    expect(countRange(0)).toEqual([0, 2]);
    expect(countRange(1)).toEqual([0, 2]);
    expect(countRange(4)).toEqual([0, 5]);
    expect(countRange(200)).toEqual([0, 220]);
  });

  test('the tooltip names the step and gives every side its real count', () => {
    const data = [
      [0, 1, 2, 3, 4, 5, 6],
      [4, 3, 2, 1, 0, 2, 1],
      [1200, 0, 0, 0, 0, 0, 0],
    ];
    expect(tooltipLines(0, ['A', 'B'], data)).toEqual(['Invited', 'A: 4', 'B: 1,200']);
    expect(tooltipLines(1, ['A', 'B'], data)).toEqual(['Shown', 'A: 3', 'B: 0']);
    expect(tooltipLines(9, ['A'], data)).toEqual([]);
  });
});
