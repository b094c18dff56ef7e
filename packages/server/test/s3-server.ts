import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/**
 * A real S3 API server (s3rver, objects on the filesystem) on a free local port, for the S3 blob store's tests.
 * It takes any credentials; the buckets named exist from the start.
 */
export class LocalS3Server {
  private constructor(
    private readonly server: S3rver,
    private readonly directory: string,
    /** `http://127.0.0.1:port`, for BECKON_S3_ENDPOINT. */
    readonly endpoint: string,
  ) {}

  static async start(buckets: string[]): Promise<LocalS3Server> {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'beckon-s3-'));
    const server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory,
      configureBuckets: buckets.map((name) => ({ name, configs: [] })),
    });
    const { port } = await server.run();
    return new LocalS3Server(server, directory, `http://127.0.0.1:${port}`);
  }

  /** The settings of a store on `bucket` under `prefix`, as BECKON_S3_* would give them. */
  settings(bucket: string, prefix = '') {
    return {
      bucket,
      prefix,
      endpoint: this.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    };
  }

  async close(): Promise<void> {
    await this.server.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}
