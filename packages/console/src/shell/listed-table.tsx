import type { ReactNode } from 'react';
import { TableScroll } from './table-scroll.tsx';

/**
 * A table of things read from the server, in the three states a reader meets: a sentence while it loads, a
 * sentence when there is nothing (when `none` is given), else the table in its scrolling region.
 */
export function ListedTable<T>(props: {
  items: readonly T[] | undefined;
  label: string;
  loading: string;
  none?: string;
  children: (items: readonly T[]) => ReactNode;
}) {
  if (props.items === undefined) return <p>{props.loading}</p>;
  if (props.items.length === 0 && props.none !== undefined) return <p>{props.none}</p>;
  return <TableScroll label={props.label}>{props.children(props.items)}</TableScroll>;
}
