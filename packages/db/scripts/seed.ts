import { createPrisma } from '../src/client';
import { resolveDatabaseUrl } from '../src/embedded';
import { migrateDeploy } from '../src/migrate';
import { seed } from '../src/seed';

const { url, stop } = await resolveDatabaseUrl();
const db = createPrisma(url);
try {
  await migrateDeploy(url);
  const started = Date.now();
  const summary = await seed(db, (m) => console.log(`seed: ${m}`));
  console.log(
    `seeded ${summary.users} users, ${summary.problems} problems, ${summary.testCases} tests in ${Date.now() - started} ms`,
  );
} finally {
  await db.$disconnect();
  await stop?.();
}
process.exit(process.exitCode ?? 0);
