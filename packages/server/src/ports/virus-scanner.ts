/**
 * An antivirus check of a file's bytes before anyone can download them. The adapter is ClamAV's daemon
 * (adapters/clamd); without one configured nothing is scanned.
 */
export interface VirusScanner {
  /**
   * The scanner's verdict on these bytes: clean, or the name of the signature that matched. Throws
   * `ScannerUnavailableError` when no verdict came back in time (daemon down, timed out, or refused the file).
   */
  scan(bytes: Uint8Array): Promise<ScanVerdict>;
  /** Resolves when the scanner answers; throws `ScannerUnavailableError` otherwise (`beckon doctor`). */
  ping(): Promise<void>;
}

export type ScanVerdict = { clean: true } | { clean: false; signature: string };

/** The scanner gave no verdict: callers refuse the file rather than let it through unchecked. */
export class ScannerUnavailableError extends Error {
  override name = 'ScannerUnavailableError';
}
