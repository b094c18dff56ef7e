/**
 * The realtime protocol's version, sent by the widget in `hello.protocolVersion` and by the console as the agent
 * socket's `?protocol=` query parameter (absent = 1). A server answers a version it does not speak with the
 * `PROTOCOL_VERSION_UNSUPPORTED` error and closes with `closeCodes.unsupportedProtocol`. Zod-free so the widget's
 * loader can import it.
 */
export const protocolVersion = 1;

/** The versions this build's server speaks. */
export const supportedProtocolVersions: readonly number[] = [protocolVersion];

export function isSupportedProtocolVersion(version: number | undefined): boolean {
  return supportedProtocolVersions.includes(version ?? protocolVersion);
}
