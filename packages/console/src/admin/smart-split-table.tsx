import type { SmartSplit } from '@beckon/protocol';
import { formatInteger, formatPercent } from '../i18n/intl.ts';
import { messagesOf } from '../i18n/messages.ts';
import { TableScroll } from '../shell/table-scroll.tsx';
import { smartSplitCells, smartSplitMessages, smartSplitRows } from './smart-split-view.ts';

const t = messagesOf(smartSplitMessages);

/** Smart and static invitations side by side: one column each, one row per figure (a caption names the scope). */
export function SmartSplitTable(props: { split: SmartSplit; scope: string }) {
  const caption = t.caption(props.scope);
  return (
    <TableScroll label={caption}>
      <table className="data-table smart-split-table" data-testid="smart-split">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.figure}</th>
            <th scope="col" className="num">
              {t.smart}
            </th>
            <th scope="col" className="num">
              {t.static}
            </th>
          </tr>
        </thead>
        <tbody>
          {smartSplitRows.map((row) => (
            <tr key={row} data-row={row}>
              <th scope="row">{t.row(row)}</th>
              {smartSplitCells(props.split, row).map((value, index) => (
                <td
                  key={index === 0 ? 'smart' : 'static'}
                  className="num"
                  data-kind={index === 0 ? 'smart' : 'static'}
                >
                  {value === undefined
                    ? '–'
                    : row === 'acceptanceRate'
                      ? formatPercent(value)
                      : formatInteger(value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The widget's split, with what smart and static mean. */
export function SmartSplitSummary(props: { split: SmartSplit }) {
  return (
    <section aria-labelledby="smart-split-heading" data-testid="smart-split-summary">
      <h3 id="smart-split-heading">{t.heading}</h3>
      <p className="muted">{t.explain}</p>
      <SmartSplitTable split={props.split} scope={t.allRules} />
    </section>
  );
}
