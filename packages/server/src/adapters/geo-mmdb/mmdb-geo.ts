import { createRequire } from 'node:module';
import type { Location } from '@beckon/protocol';
import maxmind from 'maxmind';
import type { Geo } from '../../ports/geo.ts';

/** This database's record shape (not MaxMind's): `{ country_code: 'FR' }`. */
interface CountryRecord {
  country_code?: string;
}

/** Country from the CC0 geo-whois-asn-country database shipped on npm: offline, opened once (~8 ms). */
export class MmdbGeo implements Geo {
  private constructor(private readonly reader: { get(ip: string): unknown }) {}

  static async open(): Promise<MmdbGeo> {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb');
    return new MmdbGeo(await maxmind.open(file));
  }

  locate(ip: string): Location {
    const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
    if (!maxmind.validate(address)) return {};
    const record = this.reader.get(address) as CountryRecord | null;
    return record?.country_code ? { country: record.country_code } : {};
  }
}
