import { Labelled, NumericComparison, OpSelect } from './condition-controls.tsx';
import type { DeviceType, ListOp, MoreLeafDraft, TextOp } from './condition-form-more.ts';

const textOps: [TextOp, string][] = [
  ['equals', 'equals'],
  ['startsWith', 'starts with'],
  ['contains', 'contains'],
  ['wildcard', 'matches pattern (* and ?)'],
];
const listOps: [ListOp, string][] = [
  ['in', 'is one of'],
  ['notIn', 'is none of'],
];
const listHints = {
  language: 'Languages (fr, en-GB, …)',
  browser: 'Browsers (Chrome, Firefox, Safari, Edge)',
  region: 'Regions',
  city: 'Cities',
} as const;
const devices: DeviceType[] = ['desktop', 'tablet', 'mobile'];

function TextValue(props: { value: string; placeholder: string; onChange(value: string): void }) {
  return (
    <Labelled label="Value" className="compact grow">
      <input
        data-testid="condition-value"
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Labelled>
  );
}

/** The fields of the conditions added with the complete engine (condition-row.tsx has the original ones). */
export function MoreLeafFields(props: { leaf: MoreLeafDraft; onChange(leaf: MoreLeafDraft): void }) {
  const { leaf, onChange } = props;
  switch (leaf.type) {
    case 'pageTitle':
    case 'urlVisited':
      return (
        <>
          <OpSelect
            label="Operator"
            value={leaf.op}
            options={textOps}
            onChange={(op) => onChange({ ...leaf, op })}
          />
          <TextValue
            value={leaf.value}
            placeholder={leaf.type === 'pageTitle' ? 'Checkout' : '/pricing'}
            onChange={(value) => onChange({ ...leaf, value })}
          />
        </>
      );
    case 'referrer':
      return (
        <>
          <OpSelect
            label="Part"
            value={leaf.part}
            options={[
              ['host', 'host'],
              ['url', 'full URL'],
            ]}
            onChange={(part) => onChange({ ...leaf, part })}
          />
          <OpSelect
            label="Operator"
            value={leaf.op}
            options={textOps}
            onChange={(op) => onChange({ ...leaf, op })}
          />
          <TextValue
            value={leaf.value}
            placeholder="google.com"
            onChange={(value) => onChange({ ...leaf, value })}
          />
        </>
      );
    case 'utm':
      return (
        <>
          <OpSelect
            label="Parameter"
            value={leaf.param}
            options={[
              ['source', 'utm_source'],
              ['medium', 'utm_medium'],
              ['campaign', 'utm_campaign'],
            ]}
            onChange={(param) => onChange({ ...leaf, param })}
          />
          <OpSelect
            label="Operator"
            value={leaf.op}
            options={textOps}
            onChange={(op) => onChange({ ...leaf, op })}
          />
          <TextValue
            value={leaf.value}
            placeholder="newsletter"
            onChange={(value) => onChange({ ...leaf, value })}
          />
        </>
      );
    case 'urlFunnel':
      return (
        <Labelled label="Steps, one URL pattern per line, in order" className="compact grow">
          <textarea
            data-testid="condition-steps"
            rows={3}
            value={leaf.steps}
            placeholder={'/product/*\n/cart\n/checkout'}
            onChange={(e) => onChange({ ...leaf, steps: e.target.value })}
          />
        </Labelled>
      );
    case 'pagesViewed':
      return (
        <NumericComparison
          op={leaf.op}
          amount={leaf.value}
          label="Pages"
          testId="condition-value"
          onChange={(op, value) => onChange({ ...leaf, op, value })}
        />
      );
    case 'timeSinceLastVisit':
    case 'timeSinceLastChat':
    case 'idleTime':
    case 'predictedWait':
      return (
        <NumericComparison
          op={leaf.op}
          amount={leaf.seconds}
          label="Seconds"
          testId="condition-seconds"
          onChange={(op, seconds) => onChange({ ...leaf, op, seconds })}
        />
      );
    case 'scrollDepth':
      return (
        <NumericComparison
          op={leaf.op}
          amount={leaf.percent}
          label="Percent"
          testId="condition-value"
          onChange={(op, percent) => onChange({ ...leaf, op, percent })}
        />
      );
    case 'authenticated':
      return (
        <Labelled label="Visitor">
          <select
            data-testid="condition-value"
            value={leaf.value ? 'true' : 'false'}
            onChange={(e) => onChange({ ...leaf, value: e.target.value === 'true' })}
          >
            <option value="true">is signed in</option>
            <option value="false">is not signed in</option>
          </select>
        </Labelled>
      );
    case 'customer':
      return (
        <>
          <OpSelect
            label="Field"
            value={leaf.field}
            options={[
              ['name', 'name'],
              ['email', 'email'],
              ['phone', 'phone'],
              ['company', 'company'],
              ['externalId', 'external id'],
            ]}
            onChange={(field) => onChange({ ...leaf, field })}
          />
          <OpSelect
            label="Operator"
            value={leaf.op}
            options={[
              ['eq', '='],
              ['neq', '≠'],
              ['contains', 'contains'],
              ['exists', 'is set'],
            ]}
            onChange={(op) => onChange({ ...leaf, op })}
          />
          {leaf.op !== 'exists' && (
            <TextValue
              value={leaf.value}
              placeholder="ACME"
              onChange={(value) => onChange({ ...leaf, value })}
            />
          )}
        </>
      );
    case 'event':
      return (
        <>
          <Labelled label="Event name">
            <input
              data-testid="condition-event-name"
              value={leaf.name}
              placeholder="added_to_cart"
              onChange={(e) => onChange({ ...leaf, name: e.target.value })}
            />
          </Labelled>
          <NumericComparison
            op={leaf.op}
            amount={leaf.count}
            label="Times this visit"
            testId="condition-value"
            onChange={(op, count) => onChange({ ...leaf, op, count })}
          />
          <Labelled label="With props (JSON, optional)" className="compact grow">
            <input
              data-testid="condition-event-props"
              value={leaf.props}
              placeholder='{"currency":"EUR"}'
              onChange={(e) => onChange({ ...leaf, props: e.target.value })}
            />
          </Labelled>
        </>
      );
    case 'language':
    case 'browser':
    case 'region':
    case 'city':
      return (
        <>
          <OpSelect
            label="Operator"
            value={leaf.op}
            options={listOps}
            onChange={(op) => onChange({ ...leaf, op })}
          />
          <Labelled label={`${listHints[leaf.type]}, comma-separated`} className="compact grow">
            <input
              data-testid="condition-values"
              value={leaf.values}
              onChange={(e) => onChange({ ...leaf, values: e.target.value })}
            />
          </Labelled>
        </>
      );
    case 'device':
      return (
        <>
          <OpSelect
            label="Operator"
            value={leaf.op}
            options={listOps}
            onChange={(op) => onChange({ ...leaf, op })}
          />
          <fieldset className="days">
            <legend>Devices</legend>
            {devices.map((device) => (
              <label className="inline" key={device}>
                <input
                  type="checkbox"
                  checked={leaf.values.includes(device)}
                  onChange={(e) =>
                    onChange({
                      ...leaf,
                      values: e.target.checked
                        ? devices.filter((d) => d === device || leaf.values.includes(d))
                        : leaf.values.filter((d) => d !== device),
                    })
                  }
                />
                {device}
              </label>
            ))}
          </fieldset>
        </>
      );
    case 'exitIntent':
      return (
        <span className="hint">The pointer leaves the page towards the browser's tabs or address bar.</span>
      );
    case 'agentAvailable':
      return <span className="hint">An agent of the widget's queue is available with free capacity.</span>;
  }
}
