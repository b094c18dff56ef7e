import type { LeafCondition } from '@beckon/protocol';

/**
 * Form drafts for the conditions added with the complete engine (condition-form.ts handles the original
 * ones). Same contract: inputs stay strings while typed, and `moreDraftToLeaf(moreLeafToDraft(c))` gives back c.
 */

type Leaf<T extends LeafCondition['type']> = Extract<LeafCondition, { type: T }>;
export type TextOp = Leaf<'pageTitle'>['op'];
type NumOp = Leaf<'pagesViewed'>['op'];
export type ListOp = Leaf<'language'>['op'];
export type DeviceType = Leaf<'device'>['values'][number];
export type SecondsType = 'timeSinceLastVisit' | 'timeSinceLastChat' | 'idleTime' | 'predictedWait';
export type ListType = 'language' | 'browser' | 'region' | 'city';

export type MoreLeafDraft =
  | { type: 'pageTitle' | 'urlVisited'; op: TextOp; value: string }
  | { type: 'referrer'; part: Leaf<'referrer'>['part']; op: TextOp; value: string }
  | { type: 'utm'; param: Leaf<'utm'>['param']; op: TextOp; value: string }
  | { type: 'urlFunnel'; steps: string }
  | { type: 'pagesViewed'; op: NumOp; value: string }
  | { type: SecondsType; op: NumOp; seconds: string }
  | { type: 'scrollDepth'; op: NumOp; percent: string }
  | { type: 'authenticated'; value: boolean }
  | { type: 'customer'; field: Leaf<'customer'>['field']; op: Leaf<'customer'>['op']; value: string }
  | { type: 'event'; name: string; op: NumOp; count: string; props: string }
  | { type: ListType; op: ListOp; values: string }
  | { type: 'device'; op: ListOp; values: DeviceType[] }
  | { type: 'exitIntent' }
  | { type: 'agentAvailable' };

export type MoreLeafType = MoreLeafDraft['type'];

export const moreLeafTypeLabels: Record<MoreLeafType, string> = {
  pageTitle: 'Page title',
  urlVisited: 'URL visited earlier this visit',
  urlFunnel: 'URL funnel (pages in order)',
  referrer: 'Referrer',
  utm: 'UTM parameter',
  pagesViewed: 'Pages viewed this visit',
  timeSinceLastVisit: 'Time since last visit',
  timeSinceLastChat: 'Time since last chat',
  authenticated: 'Signed in',
  customer: 'Customer record field',
  event: 'Custom event (Beckon.track)',
  language: 'Language',
  device: 'Device type',
  browser: 'Browser',
  region: 'Region',
  city: 'City',
  exitIntent: 'Exit intent',
  scrollDepth: 'Scroll depth',
  idleTime: 'Idle time',
  agentAvailable: 'Agent available',
  predictedWait: 'Predicted wait',
};

export function defaultMoreLeaf(type: MoreLeafType): MoreLeafDraft {
  switch (type) {
    case 'pageTitle':
    case 'urlVisited':
      return { type, op: 'contains', value: '' };
    case 'referrer':
      return { type, part: 'host', op: 'contains', value: '' };
    case 'utm':
      return { type, param: 'source', op: 'equals', value: '' };
    case 'urlFunnel':
      return { type, steps: '' };
    case 'pagesViewed':
      return { type, op: 'gte', value: '3' };
    case 'timeSinceLastVisit':
    case 'timeSinceLastChat':
      return { type, op: 'gte', seconds: '86400' };
    case 'idleTime':
      return { type, op: 'gte', seconds: '30' };
    case 'predictedWait':
      return { type, op: 'lt', seconds: '120' };
    case 'scrollDepth':
      return { type, op: 'gte', percent: '50' };
    case 'authenticated':
      return { type, value: true };
    case 'customer':
      return { type, field: 'company', op: 'eq', value: '' };
    case 'event':
      return { type, name: '', op: 'gte', count: '1', props: '' };
    case 'language':
    case 'browser':
    case 'region':
    case 'city':
      return { type, op: 'in', values: '' };
    case 'device':
      return { type, op: 'in', values: ['mobile'] };
    case 'exitIntent':
    case 'agentAvailable':
      return { type };
  }
}

type MoreLeaf = Leaf<MoreLeafType>;

export function isMoreLeafType(type: string): type is MoreLeafType {
  return Object.hasOwn(moreLeafTypeLabels, type);
}

export function moreLeafToDraft(leaf: MoreLeaf): MoreLeafDraft {
  switch (leaf.type) {
    case 'pageTitle':
    case 'urlVisited':
    case 'referrer':
    case 'utm':
    case 'authenticated':
    case 'exitIntent':
    case 'agentAvailable':
    case 'device':
      return { ...leaf } as MoreLeafDraft;
    case 'urlFunnel':
      return { type: leaf.type, steps: leaf.steps.join('\n') };
    case 'pagesViewed':
      return { type: leaf.type, op: leaf.op, value: String(leaf.value) };
    case 'timeSinceLastVisit':
    case 'timeSinceLastChat':
    case 'idleTime':
    case 'predictedWait':
      return { type: leaf.type, op: leaf.op, seconds: String(leaf.seconds) };
    case 'scrollDepth':
      return { type: leaf.type, op: leaf.op, percent: String(leaf.percent) };
    case 'customer':
      return { type: leaf.type, field: leaf.field, op: leaf.op, value: leaf.value ?? '' };
    case 'event':
      return {
        type: leaf.type,
        name: leaf.name,
        op: leaf.op,
        count: String(leaf.count),
        props: leaf.props === undefined ? '' : JSON.stringify(leaf.props),
      };
    case 'language':
    case 'browser':
    case 'region':
    case 'city':
      return { type: leaf.type, op: leaf.op, values: leaf.values.join(', ') };
  }
}

function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

function splitList(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Unparsable props JSON is passed on as the text, so `ruleInputSchema` reports it on the field. */
function parseProps(text: string): Leaf<'event'>['props'] {
  try {
    return JSON.parse(text) as Leaf<'event'>['props'];
  } catch {
    return text as unknown as Leaf<'event'>['props'];
  }
}

export function moreDraftToLeaf(draft: MoreLeafDraft): LeafCondition {
  switch (draft.type) {
    case 'pageTitle':
    case 'urlVisited':
      return { type: draft.type, op: draft.op, value: draft.value.trim() };
    case 'referrer':
      return { type: draft.type, part: draft.part, op: draft.op, value: draft.value.trim() };
    case 'utm':
      return { type: draft.type, param: draft.param, op: draft.op, value: draft.value.trim() };
    case 'urlFunnel':
      return {
        type: draft.type,
        steps: draft.steps
          .split('\n')
          .map((step) => step.trim())
          .filter((step) => step !== ''),
      };
    case 'pagesViewed':
      return { type: draft.type, op: draft.op, value: toNumber(draft.value) };
    case 'timeSinceLastVisit':
    case 'timeSinceLastChat':
    case 'idleTime':
    case 'predictedWait':
      return { type: draft.type, op: draft.op, seconds: toNumber(draft.seconds) };
    case 'scrollDepth':
      return { type: draft.type, op: draft.op, percent: toNumber(draft.percent) };
    case 'authenticated':
      return { type: draft.type, value: draft.value };
    case 'customer':
      return draft.op === 'exists'
        ? { type: draft.type, field: draft.field, op: draft.op }
        : { type: draft.type, field: draft.field, op: draft.op, value: draft.value };
    case 'event': {
      const leaf: Leaf<'event'> = {
        type: draft.type,
        name: draft.name.trim(),
        op: draft.op,
        count: toNumber(draft.count),
      };
      if (draft.props.trim() !== '') leaf.props = parseProps(draft.props);
      return leaf;
    }
    case 'language':
    case 'browser':
    case 'region':
    case 'city':
      return { type: draft.type, op: draft.op, values: splitList(draft.values) };
    case 'device':
      return { type: draft.type, op: draft.op, values: [...draft.values] };
    case 'exitIntent':
    case 'agentAvailable':
      return { type: draft.type };
  }
}
