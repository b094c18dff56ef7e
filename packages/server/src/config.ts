import path from 'node:path';
import { z } from 'zod';

/** The environment, parsed once. The only place that reads process.env is `loadConfigFromProcess`. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  BECKON_REDIS_PREFIX: z.string().min(1).default('beckon:'),
  BECKON_DEMO_PASSWORD: z.string().min(8, 'BECKON_DEMO_PASSWORD must have at least 8 characters').optional(),
  BECKON_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  BECKON_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  BECKON_PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** Prepended to every Redis channel; all nodes of one installation share it, installations differ. */
  redisPrefix: string;
  demoPassword?: string;
  seedDemo: boolean;
  secureCookies: 'auto' | 'always' | 'never';
  publicUrl?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.BECKON_REDIS_PREFIX,
    demoPassword: e.BECKON_DEMO_PASSWORD,
    seedDemo: e.BECKON_SEED_DEMO === 'true',
    secureCookies: e.BECKON_SECURE_COOKIES,
    publicUrl: e.BECKON_PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
  };
}

export function loadConfigFromProcess(): Config {
  return loadConfig(process.env);
}
