import { ClamdScanner } from '../adapters/clamd/clamd-scanner.ts';
import type { Config } from '../config.ts';
import type { VirusScanner } from '../ports/virus-scanner.ts';

/** clamd when BECKON_CLAMAV names it; otherwise no scanner, and files are stored unscanned. */
export function openConfiguredVirusScanner(config: Config): VirusScanner | undefined {
  return config.virusScan && new ClamdScanner(config.virusScan.address, config.virusScan.timeoutMs);
}
