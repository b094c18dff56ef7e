/** A setting that cannot be used: the node does not start, and the message names the variable to fix. */
export class ConfigError extends Error {}
