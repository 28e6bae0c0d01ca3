// Real PostgreSQL for tests: vitest's global setup starts one embedded cluster (or uses
// TEST_DATABASE_URL's server), migrates a template database once, and every test file gets a
// fresh copy of it, so files run in isolation without re-running migrations.
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createPrisma, type Db } from './client';
import { ensureDatabase, startEmbeddedPostgres } from './embedded';
import { migrateDeploy } from './migrate';

const TEMPLATE = 'roguelearn_test_template';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** vitest globalSetup: export `setup`/`teardown` from a package's setup file by re-exporting these. */
export async function setup(): Promise<() => Promise<void>> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const dir = path.join(os.tmpdir(), `roguelearn-pg-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
    const db = await startEmbeddedPostgres({ dir, persistent: false });
    adminUrl = db.urlFor('postgres');
    stop = db.stop;
  }
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.end();
  await ensureDatabase(withDatabase(adminUrl, 'postgres'), TEMPLATE);
  await migrateDeploy(withDatabase(adminUrl, TEMPLATE));
  // The migration engine's pool lingers; a template must have no sessions to be copied.
  const again = new pg.Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await again.connect();
  await again.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [TEMPLATE]);
  await again.end();
  process.env.ROGUELEARN_TEST_PG = withDatabase(adminUrl, 'postgres');
  return async () => {
    await stop?.();
  };
}

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database for one test file. */
export async function createTestDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.ROGUELEARN_TEST_PG;
  if (!adminUrl) throw new Error('Test database not set up: add @roguelearn/db/testing-setup to vitest globalSetup');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  // Two files copying the template at the same instant collide ("being accessed by other users").
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureDatabase(adminUrl, name, opts.migrated === false ? undefined : TEMPLATE);
      break;
    } catch (err) {
      if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
  const url = withDatabase(adminUrl, name);
  const db = createPrisma(url);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
