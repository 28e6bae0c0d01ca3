// Offline Prisma migrations: the Prisma CLI downloads a native schema engine at start and fails
// without network, so we drive the same engine compiled to WebAssembly. Migrations keep the
// standard `_prisma_migrations` table, so `prisma migrate deploy` still works where it can run.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const schemaPath = path.join(packageDir, 'prisma/schema.prisma');
export const migrationsDir = path.join(packageDir, 'prisma/migrations');
const filters = { externalTables: [], externalEnums: [] };

type Engine = {
  diff(params: unknown): Promise<{ stdout?: string }>;
  applyMigrations(params: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diagnoseMigrationHistory(params: unknown): Promise<unknown>;
  free?(): void;
};

type Bindings = {
  SchemaEngine: { new: (...args: unknown[]) => Promise<Engine> };
};
let bindings: Promise<Bindings> | undefined;

/** Instantiates the WebAssembly module once per process: a second instantiation corrupts the first. */
function wasmBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    // The engine reports Rust panics through this global; without it a panic crashes the process.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (m) => {
        throw new Error(`schema engine panicked: ${m}`);
      },
    };
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bg = await import(bgPath);
    const { instance } = await WebAssembly.instantiate(
      fs.readFileSync(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm')),
      { './schema_engine_bg.js': bg },
    );
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bg as Bindings;
  })();
  return bindings;
}

async function loadEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<Engine> {
  const bg = await wasmBindings();
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  const schema = fs.readFileSync(schemaPath, 'utf8');
  return bg.SchemaEngine.new(
    { datamodels: [[path.relative(packageDir, schemaPath), schema]] },
    (log: string) => {
      if (process.env.SCHEMA_ENGINE_DEBUG) console.error('[schema-engine]', log);
    },
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

function migrationsList() {
  fs.mkdirSync(migrationsDir, { recursive: true });
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  // The engine infers the connector from the lock file, even for the first migration.
  if (!fs.existsSync(lockPath)) fs.writeFileSync(lockPath, 'provider = "postgresql"\n');
  const dirs = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.readFileSync(lockPath, 'utf8'),
    },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(file)
            ? { tag: 'ok', value: fs.readFileSync(file, 'utf8') }
            : { tag: 'error', value: 'missing migration.sql' },
        },
      };
    }),
  };
}

function schemaInput() {
  return {
    files: [{ path: path.relative(packageDir, schemaPath), content: fs.readFileSync(schemaPath, 'utf8') }],
  };
}

async function withPg<T>(url: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const engine = await loadEngine(new PrismaPg({ connectionString: url }));
  try {
    return await fn(engine);
  } finally {
    engine.free?.();
  }
}

/** Applies every pending migration; returns the names applied (empty when up to date). */
export function migrateDeploy(url: string): Promise<string[]> {
  return withPg(url, async (engine) => {
    const r = await engine.applyMigrations({ migrationsList: migrationsList(), filters });
    return r.appliedMigrationNames;
  });
}

export function migrationStatus(url: string): Promise<unknown> {
  return withPg(url, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList: migrationsList(), optInToShadowDatabase: false, filters }),
  );
}

/**
 * SQL that takes the committed migrations to the current schema. The migrations are replayed in
 * an in-memory PGlite shadow database, never in a real one (a PrismaPg shadow would replay into
 * the main database because its connection string overrides the shadow's name).
 */
export async function pendingSchemaSql(): Promise<string> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const db = new PGlite();
  const engine = await loadEngine(new PrismaPGlite(db) as unknown as SqlMigrationAwareDriverAdapterFactory);
  try {
    const r = await engine.diff({
      from: { tag: 'migrations', ...migrationsList() },
      to: { tag: 'schemaDatamodel', ...schemaInput() },
      script: true,
      exitCode: null,
      filters,
    });
    const sql = r.stdout ?? '';
    return /^(-- This is an empty migration\.?)?\s*$/.test(sql.trim()) ? '' : sql;
  } finally {
    engine.free?.();
    await db.close();
  }
}

/** Writes a new migration directory for pending schema changes; returns its path or null. */
export async function createMigration(name: string): Promise<string | null> {
  const sql = await pendingSchemaSql();
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name.replace(/\W+/g, '_')}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
  return dir;
}
