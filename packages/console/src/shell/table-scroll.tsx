import type { ReactNode } from 'react';

/**
 * The one wrapper of a data table: it scrolls sideways on a narrow screen, and since a keyboard user must be
 * able to scroll it too, it takes the focus as a named region.
 */
export function TableScroll(props: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard.
    <section className="table-scroll" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}
