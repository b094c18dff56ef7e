import { Labelled, NumericComparison, OpSelect } from './condition-controls.tsx';
import { MoreLeafFields } from './condition-fields-more.tsx';
import {
  type ContextOp,
  type ContextValueKind,
  defaultLeaf,
  type LeafDraft,
  type LeafType,
  leafTypeLabels,
  type RowForm,
  type UrlOp,
} from './condition-form.ts';

const urlOps: [UrlOp, string][] = [
  ['equals', 'equals'],
  ['startsWith', 'starts with'],
  ['contains', 'contains'],
  ['wildcard', 'matches pattern (* and ?)'],
];
const contextOps: [ContextOp, string][] = [
  ['eq', '='],
  ['neq', '≠'],
  ['lt', '<'],
  ['lte', '≤'],
  ['gt', '>'],
  ['gte', '≥'],
  ['contains', 'contains'],
  ['exists', 'exists'],
];
const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const leafTypes = Object.keys(leafTypeLabels) as LeafType[];

/** One condition: its type, then the fields that type has in the rule schema. */
export function ConditionRow(props: { row: RowForm; onChange(row: RowForm): void; onRemove(): void }) {
  const { row } = props;
  const setLeaf = (leaf: LeafDraft) => props.onChange({ ...row, leaf });

  return (
    <div className="condition-row" data-testid="condition-row" data-type={row.leaf.type}>
      <label className="inline">
        <input
          type="checkbox"
          data-testid="condition-not"
          checked={row.negated}
          onChange={(e) => props.onChange({ ...row, negated: e.target.checked })}
        />
        Not
      </label>
      <Labelled label="Condition">
        <select
          data-testid="condition-type"
          value={row.leaf.type}
          onChange={(e) => setLeaf(defaultLeaf(e.target.value as LeafType))}
        >
          {leafTypes.map((type) => (
            <option key={type} value={type}>
              {leafTypeLabels[type]}
            </option>
          ))}
        </select>
      </Labelled>
      <LeafFields leaf={row.leaf} onChange={setLeaf} />
      <button type="button" className="danger" onClick={props.onRemove} aria-label="Remove condition">
        Remove
      </button>
    </div>
  );
}

function LeafFields(props: { leaf: LeafDraft; onChange(leaf: LeafDraft): void }) {
  const { leaf, onChange } = props;
  switch (leaf.type) {
    case 'currentUrl':
      return (
        <>
          <OpSelect
            label="Operator"
            value={leaf.op}
            options={urlOps}
            onChange={(op) => onChange({ ...leaf, op })}
          />
          <Labelled label="URL" className="compact grow">
            <input
              data-testid="condition-value"
              value={leaf.value}
              placeholder="/pricing"
              onChange={(e) => onChange({ ...leaf, value: e.target.value })}
            />
          </Labelled>
        </>
      );
    case 'timeOnPage':
    case 'timeOnSite':
      return (
        <NumericComparison
          op={leaf.op}
          amount={leaf.seconds}
          label="Seconds"
          testId="condition-seconds"
          onChange={(op, seconds) => onChange({ ...leaf, op, seconds })}
        />
      );
    case 'visitCount':
      return (
        <NumericComparison
          op={leaf.op}
          amount={leaf.value}
          label="Visits"
          testId="condition-value"
          onChange={(op, value) => onChange({ ...leaf, op, value })}
        />
      );
    case 'country':
      return (
        <>
          <OpSelect
            label="Operator"
            value={leaf.op}
            options={[
              ['in', 'is one of'],
              ['notIn', 'is none of'],
            ]}
            onChange={(op) => onChange({ ...leaf, op })}
          />
          <Labelled label="Countries (ISO codes, comma-separated)" className="compact grow">
            <input
              data-testid="condition-countries"
              value={leaf.values}
              placeholder="FR, BE, CH"
              onChange={(e) => onChange({ ...leaf, values: e.target.value })}
            />
          </Labelled>
        </>
      );
    case 'context':
      return (
        <>
          <Labelled label="Variable">
            <input
              data-testid="condition-context-name"
              value={leaf.name}
              placeholder="plan"
              onChange={(e) => onChange({ ...leaf, name: e.target.value })}
            />
          </Labelled>
          <OpSelect
            label="Operator"
            value={leaf.op}
            options={contextOps}
            onChange={(op) =>
              onChange({
                ...leaf,
                op,
                valueKind: op === 'exists' ? 'none' : leaf.valueKind === 'none' ? 'string' : leaf.valueKind,
              })
            }
          />
          {leaf.op !== 'exists' && (
            <>
              <Labelled label="Value type">
                <select
                  value={leaf.valueKind}
                  onChange={(e) => onChange({ ...leaf, valueKind: e.target.value as ContextValueKind })}
                >
                  <option value="string">text</option>
                  <option value="number">number</option>
                  <option value="boolean">yes / no</option>
                  <option value="none">none</option>
                </select>
              </Labelled>
              {leaf.valueKind === 'boolean' ? (
                <Labelled label="Value">
                  <select
                    data-testid="condition-value"
                    value={leaf.value === 'true' ? 'true' : 'false'}
                    onChange={(e) => onChange({ ...leaf, value: e.target.value })}
                  >
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                </Labelled>
              ) : leaf.valueKind !== 'none' ? (
                <Labelled label="Value">
                  <input
                    data-testid="condition-value"
                    type={leaf.valueKind === 'number' ? 'number' : 'text'}
                    value={leaf.value}
                    onChange={(e) => onChange({ ...leaf, value: e.target.value })}
                  />
                </Labelled>
              ) : null}
            </>
          )}
        </>
      );
    case 'executionWindow':
      return <WindowFields leaf={leaf} onChange={onChange} />;
    case 'operatingHours':
      return (
        <OpSelect
          label="The widget is"
          value={leaf.state}
          options={[
            ['open', 'open (within its operating hours)'],
            ['closed', 'closed (outside its operating hours)'],
          ]}
          onChange={(state) => onChange({ ...leaf, state })}
        />
      );
    default:
      return <MoreLeafFields leaf={leaf} onChange={onChange} />;
  }
}

function WindowFields(props: {
  leaf: Extract<LeafDraft, { type: 'executionWindow' }>;
  onChange(leaf: LeafDraft): void;
}) {
  const { leaf, onChange } = props;
  const toggleDay = (day: number, on: boolean) =>
    onChange({
      ...leaf,
      days: on
        ? [...leaf.days.filter((d) => d !== day), day].sort((a, b) => a - b)
        : leaf.days.filter((d) => d !== day),
    });

  return (
    <div className="window-fields">
      <Labelled label="Time zone">
        <input
          data-testid="condition-timezone"
          value={leaf.timeZone}
          placeholder="Europe/Paris"
          onChange={(e) => onChange({ ...leaf, timeZone: e.target.value })}
        />
      </Labelled>
      <Labelled label="From date">
        <input type="date" value={leaf.from} onChange={(e) => onChange({ ...leaf, from: e.target.value })} />
      </Labelled>
      <Labelled label="To date">
        <input type="date" value={leaf.to} onChange={(e) => onChange({ ...leaf, to: e.target.value })} />
      </Labelled>
      <Labelled label="Start time">
        <input
          type="time"
          value={leaf.startTime}
          onChange={(e) => onChange({ ...leaf, startTime: e.target.value })}
        />
      </Labelled>
      <Labelled label="End time">
        <input
          type="time"
          value={leaf.endTime}
          onChange={(e) => onChange({ ...leaf, endTime: e.target.value })}
        />
      </Labelled>
      <fieldset className="days">
        <legend>Days</legend>
        <label className="inline">
          <input
            type="checkbox"
            checked={leaf.everyDay}
            onChange={(e) => onChange({ ...leaf, everyDay: e.target.checked })}
          />
          Every day
        </label>
        {dayNames.map((name, day) => (
          <label className="inline" key={name}>
            <input
              type="checkbox"
              disabled={leaf.everyDay}
              checked={leaf.everyDay || leaf.days.includes(day)}
              onChange={(e) => toggleDay(day, e.target.checked)}
            />
            {name}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
