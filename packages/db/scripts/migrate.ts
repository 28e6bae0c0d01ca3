// usage: tsx scripts/migrate.ts create <name> | deploy | status
import { resolveDatabaseUrl } from '../src/embedded';
import { createMigration, migrateDeploy, migrationStatus } from '../src/migrate';

const [cmd, name] = process.argv.slice(2);
if (cmd === 'create') {
  const dir = await createMigration(name ?? 'migration');
  console.log(dir ? `created ${dir}` : 'No schema changes');
} else if (cmd === 'deploy' || cmd === 'status') {
  const { url, stop } = await resolveDatabaseUrl();
  try {
    if (cmd === 'deploy') {
      const applied = await migrateDeploy(url);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'Database is up to date');
    } else {
      console.log(JSON.stringify(await migrationStatus(url), null, 2));
    }
  } finally {
    await stop?.();
  }
} else {
  console.error('usage: migrate.ts create <name> | deploy | status');
  process.exitCode = 2;
}
// pg's pool keeps the event loop alive for a while after the engine is freed.
process.exit(process.exitCode ?? 0);
