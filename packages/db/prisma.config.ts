import { defineConfig } from 'prisma/config';

// `url` is only read by CLI commands that talk to a database; generate/validate ignore it,
// so a placeholder keeps them working when DATABASE_URL is unset (the embedded default).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/roguelearn' },
});
