import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export function createPrisma(connectionString: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString }),
    // Bursts (a class pressing Submit together, many matchmaking requests) can queue for a
    // pooled connection longer than Prisma's 2 s default; waiting beats failing the request.
    transactionOptions: { maxWait: 15_000, timeout: 20_000 },
  });
}

export type Db = PrismaClient;
/** A client or an interactive transaction: domain functions accept either. */
export type DbTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0] | PrismaClient;
