import { frameLimits } from '@beckon/protocol';

const quote = 0x22;
const backslash = 0x5c;
const colon = 0x3a;
const comma = 0x2c;
const openBrace = 0x7b;
const openBracket = 0x5b;
const closeBrace = 0x7d;
const closeBracket = 0x5d;

export type FrameShape = 'ok' | 'too-deep' | 'too-many-values';

/**
 * One pass over a frame's raw bytes, before JSON.parse builds anything: how deep it nests and how many values it
 * holds (counted as the `:` and `,` outside strings, about twice the members and elements). JSON.parse of a
 * 512 KB frame of 40,000 keys or 250,000 nested arrays stalls the event loop for tens of milliseconds; this pass
 * costs about a millisecond. UTF-8 continuation bytes are never below 0x80, so scanning bytes is exact.
 */
export function frameShape(bytes: Uint8Array): FrameShape {
  let depth = 0;
  let separators = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === backslash) i++;
      else if (byte === quote) inString = false;
      continue;
    }
    if (byte === quote) inString = true;
    else if (byte === colon || byte === comma) {
      if (++separators > frameLimits.frameMaxSeparators) return 'too-many-values';
    } else if (byte === openBrace || byte === openBracket) {
      if (++depth > frameLimits.frameMaxDepth) return 'too-deep';
    } else if (byte === closeBrace || byte === closeBracket) depth--;
  }
  return 'ok';
}
