import fc from 'fast-check';
import { hostileValue } from './fuzz-values.ts';

const hostileSegments = [
  '..',
  '%2e%2e',
  '..%2f..%2fpackage.json',
  '%00',
  '%E0%A4%A',
  '%',
  '%zz',
  '%F0%9F%98%80',
  '__proto__',
  'constructor',
  '-1',
  '1e308',
  'NaN',
  'x'.repeat(5_000),
];

/** A path parameter: an id that exists (`real id`), a hostile segment, or random text percent-encoded. */
export const pathSegment = fc.oneof(
  { weight: 4, arbitrary: fc.constant('real id') },
  { weight: 3, arbitrary: fc.constantFrom(...hostileSegments) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponent) },
);

const queryKeys = [
  'q',
  'visitorId',
  'limit',
  'before',
  'from',
  'to',
  'id',
  '__proto__',
  'constructor[prototype]',
];
const queryValues = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1e308',
    'NaN',
    '8640000000000001',
    '9000000000000000',
    '%E0%A4%A',
    'a'.repeat(3000),
  ),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent),
  fc.integer().map(String),
);
/** A query string, from none to hostile: prototype keys, bad percent-encodings, numbers at the edges, 2,000 pairs. */
export const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...queryKeys), fc.string({ maxLength: 8 }).map(encodeURIComponent)),
          queryValues,
        ),
        {
          maxLength: 4,
        },
      )
      .map((pairs) => `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '?a[__proto__][polluted]=1',
      '?%zz',
      '?from=9000000000000000&to=9000000086400000',
      '?from=8639999999999999&to=8640000000000000',
      `?${'a=1&'.repeat(2_000)}`,
      '?q=%00',
    ),
  },
);

export const contentTypes = [
  'application/json',
  'application/json; charset=utf-16',
  'application/json;;;',
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/vnd.api+json',
  '*/*',
  '',
];

/** A request body: none, hostile JSON, random JSON, random text or bytes, broken JSON. */
export const body = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 5, arbitrary: hostileValue.map((value) => Buffer.from(JSON.stringify(value) ?? 'null')) },
  { weight: 2, arbitrary: fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value))) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('', '{', '{"a":', 'null', '"', '{"__proto__":{"polluted":true}}')
      .map((t) => Buffer.from(t)),
  },
);

export const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND'];
