import type { Location } from '@beckon/protocol';

export interface Geo {
  /** Location of an IP address; empty when unknown (private ranges, loopback). */
  locate(ip: string): Location;
}
