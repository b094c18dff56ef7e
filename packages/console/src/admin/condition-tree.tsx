import { consoleLocale } from '../locale.ts';
import { type GroupForm, type NodeForm, newGroup, newRow } from './condition-form.ts';
import { ConditionRow } from './condition-row.tsx';
import { conditionStrings } from './condition-strings.ts';

const maxDepth = 4;

/** A group of conditions: all / any, optionally negated, holding rows and nested groups. */
export function ConditionGroup(props: {
  group: GroupForm;
  depth: number;
  onChange(group: GroupForm): void;
  onRemove?(): void;
}) {
  const { group } = props;
  const t = conditionStrings[consoleLocale];
  const change = (patch: Partial<GroupForm>) => props.onChange({ ...group, ...patch });
  const replaceChild = (key: string, next: NodeForm) =>
    change({ children: group.children.map((child) => (child.key === key ? next : child)) });
  const removeChild = (key: string) =>
    change({ children: group.children.filter((child) => child.key !== key) });

  return (
    <fieldset
      className={`condition-group depth-${props.depth % 2}`}
      data-testid="condition-group"
      lang={props.depth === 0 ? consoleLocale : undefined}
    >
      <legend className="visually-hidden">
        {props.depth === 0 ? t.rootGroup : t.nestedGroup.replace('{level}', String(props.depth))}
      </legend>
      <div className="row group-head">
        <label className="inline">
          <input
            type="checkbox"
            data-testid="group-not"
            checked={group.negated}
            onChange={(e) => change({ negated: e.target.checked })}
          />
          {t.not}
        </label>
        <label>
          <span className="visually-hidden">{t.match}</span>
          <select
            data-testid="group-op"
            value={group.op}
            onChange={(e) => change({ op: e.target.value === 'any' ? 'any' : 'all' })}
          >
            <option value="all">{t.all}</option>
            <option value="any">{t.any}</option>
          </select>
        </label>
        <span className="spacer" />
        {props.onRemove && (
          <button type="button" className="danger" onClick={props.onRemove}>
            {t.removeGroup}
          </button>
        )}
      </div>
      {group.children.length === 0 && <p className="muted">{group.op === 'all' ? t.emptyAll : t.emptyAny}</p>}
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
          {t.addCondition}
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
            {t.addGroup}
          </button>
        )}
      </div>
    </fieldset>
  );
}
