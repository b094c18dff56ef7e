import { type GroupForm, type NodeForm, newGroup, newRow } from './condition-form.ts';
import { ConditionRow } from './condition-row.tsx';

const maxDepth = 4;

/** A group of conditions: all / any, optionally negated, holding rows and nested groups. */
export function ConditionGroup(props: {
  group: GroupForm;
  depth: number;
  onChange(group: GroupForm): void;
  onRemove?(): void;
}) {
  const { group } = props;
  const change = (patch: Partial<GroupForm>) => props.onChange({ ...group, ...patch });
  const replaceChild = (key: string, next: NodeForm) =>
    change({ children: group.children.map((child) => (child.key === key ? next : child)) });
  const removeChild = (key: string) =>
    change({ children: group.children.filter((child) => child.key !== key) });

  return (
    <fieldset className={`condition-group depth-${props.depth % 2}`} data-testid="condition-group">
      <legend className="visually-hidden">
        {props.depth === 0 ? 'Condition group' : `Nested condition group, level ${props.depth}`}
      </legend>
      <div className="row group-head">
        <label className="inline">
          <input
            type="checkbox"
            data-testid="group-not"
            checked={group.negated}
            onChange={(e) => change({ negated: e.target.checked })}
          />
          Not
        </label>
        <label>
          <span className="visually-hidden">Match </span>
          <select
            data-testid="group-op"
            value={group.op}
            onChange={(e) => change({ op: e.target.value === 'any' ? 'any' : 'all' })}
          >
            <option value="all">All of these are true</option>
            <option value="any">Any of these is true</option>
          </select>
        </label>
        <span className="spacer" />
        {props.onRemove && (
          <button type="button" className="danger" onClick={props.onRemove}>
            Remove group
          </button>
        )}
      </div>
      {group.children.length === 0 && (
        <p className="muted">
          {group.op === 'all' ? 'No conditions: always true.' : 'No conditions: never true.'}
        </p>
      )}
      <ul className="condition-children">
        {group.children.map((child) => (
          <li key={child.key}>
            {child.kind === 'group' ? (
              <ConditionGroup
                group={child}
                depth={props.depth + 1}
                onChange={(next) => replaceChild(child.key, next)}
                onRemove={() => removeChild(child.key)}
              />
            ) : (
              <ConditionRow
                row={child}
                onChange={(next) => replaceChild(child.key, next)}
                onRemove={() => removeChild(child.key)}
              />
            )}
          </li>
        ))}
      </ul>
      <div className="row">
        <button
          type="button"
          data-testid="add-condition"
          onClick={() => change({ children: [...group.children, newRow()] })}
        >
          Add condition
        </button>
        {props.depth < maxDepth && (
          <button
            type="button"
            data-testid="add-group"
            onClick={() =>
              change({
                children: [...group.children, newGroup(group.op === 'all' ? 'any' : 'all', [newRow()])],
              })
            }
          >
            Add group
          </button>
        )}
      </div>
    </fieldset>
  );
}
