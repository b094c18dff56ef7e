/**
 * Admin-typed URL patterns: `*` matches any run of characters (including '/'), `?` exactly one UTF-16 code
 * unit, everything else is literal and case-sensitive; the whole input must match.
 *
 * The pattern is never turned into a RegExp: a greedy two-pointer matcher that only ever backtracks to the
 * most recent `*` runs in O(pattern × input) at worst, so no pattern can cause catastrophic backtracking.
 */

const STAR = 42; // '*'
const QUESTION = 63; // '?'
const CACHE_LIMIT = 1_000;

const cache = new Map<string, (input: string) => boolean>();

export function compileWildcard(pattern: string): (input: string) => boolean {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const matcher = buildMatcher(pattern);
  // Oldest-first eviction keeps memory bounded however many distinct patterns admins create.
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(pattern, matcher);
  return matcher;
}

function buildMatcher(rawPattern: string): (input: string) => boolean {
  // Consecutive stars are equivalent to one; collapsing them keeps the backtracking bound tight.
  const pattern = rawPattern.replace(/\*{2,}/g, '*');
  if (!pattern.includes('*') && !pattern.includes('?')) return (input) => input === pattern;
  if (pattern === '*') return () => true;
  const codes = new Uint16Array(pattern.length);
  for (let i = 0; i < pattern.length; i++) codes[i] = pattern.charCodeAt(i);
  return (input) => globMatch(codes, input);
}

function globMatch(pattern: Uint16Array, input: string): boolean {
  const patternLength = pattern.length;
  const inputLength = input.length;
  let p = 0;
  let i = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (i < inputLength) {
    const code = p < patternLength ? pattern[p] : -1;
    if (code === STAR) {
      starAt = p++;
      resumeAt = i;
    } else if (code === QUESTION || code === input.charCodeAt(i)) {
      p++;
      i++;
    } else if (starAt >= 0) {
      // Let the last star swallow one more character and retry the rest of the pattern from there.
      p = starAt + 1;
      i = ++resumeAt;
    } else {
      return false;
    }
  }
  while (p < patternLength && pattern[p] === STAR) p++;
  return p === patternLength;
}
