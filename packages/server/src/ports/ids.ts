export interface Ids {
  /** A new unique id, URL-safe, with a readable prefix ("cnv_…"). */
  next(prefix: string): string;
}
