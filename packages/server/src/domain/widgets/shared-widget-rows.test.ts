import { describe, expect, it } from 'vitest';
import { widget } from '../proactive/decide-fixtures.ts';
import { SharedWidgetRows } from './shared-widget-rows.ts';

describe('SharedWidgetRows', () => {
  it('answers an equal read of a widget with the row it already holds', () => {
    const rows = new SharedWidgetRows();
    const first = rows.share(widget());
    const again = widget();
    expect(again).not.toBe(first);
    expect(rows.share(again)).toBe(first);
  });

  it('takes a changed row in place of the one it held, for the next readers', () => {
    const rows = new SharedWidgetRows();
    const before = rows.share(widget());
    const changed = widget({}, { title: 'Talk to us', allowedOrigins: ['https://shop.example'] });
    expect(rows.share(changed)).toBe(changed);
    expect(rows.share(widget({}, { title: 'Talk to us', allowedOrigins: ['https://shop.example'] }))).toBe(
      changed,
    );
    expect(rows.share(widget())).not.toBe(before);
    expect(rows.size).toBe(1);
  });

  it('keeps each widget apart and holds at most its bound, the least recently read dropped first', () => {
    const rows = new SharedWidgetRows(2);
    const a = rows.share(widget({}, { id: 'a' }));
    const b = rows.share(widget({}, { id: 'b' }));
    expect(b).not.toBe(a);
    rows.share(widget({}, { id: 'a' }));
    rows.share(widget({}, { id: 'c' }));
    expect(rows.size).toBe(2);
    // a was read after b, so b went.
    expect(rows.share(widget({}, { id: 'a' }))).toBe(a);
    expect(rows.share(widget({}, { id: 'b' }))).not.toBe(b);
  });
});
