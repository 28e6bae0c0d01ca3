export { createPrisma, type Db, type DbTx } from './client';
export * from './generated/prisma/client';
