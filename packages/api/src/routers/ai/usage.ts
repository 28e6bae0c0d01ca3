// The AI audit, summarised: calls per feature, mode and status, tokens, latency, cache hits.
import type { Db } from '@roguelearn/db';
import { aiGateway } from './gateway';

export async function usageReport(db: Db, days: number) {
  const since = new Date(Date.now() - days * 86_400_000);
  const [groups, recentFailures, topUsers] = await Promise.all([
    db.aiCall.groupBy({
      by: ['feature', 'mode', 'status', 'cached'],
      where: { createdAt: { gte: since } },
      _count: { _all: true },
      _sum: { inputTokens: true, outputTokens: true },
      _avg: { latencyMs: true },
    }),
    db.aiCall.findMany({
      where: { createdAt: { gte: since }, status: { notIn: ['ok'] } },
      orderBy: { createdAt: 'desc' },
      take: 20,
      select: {
        id: true,
        feature: true,
        status: true,
        error: true,
        createdAt: true,
        user: { select: { username: true } },
      },
    }),
    db.aiCall.groupBy({
      by: ['userId'],
      where: { createdAt: { gte: since }, mode: 'live', cached: false },
      _count: { _all: true },
      orderBy: { _count: { userId: 'desc' } },
      take: 10,
    }),
  ]);
  const users = await db.user.findMany({
    where: { id: { in: topUsers.map((u) => u.userId).filter((id): id is string => !!id) } },
    select: { id: true, username: true },
  });
  return {
    since,
    gateway: aiGateway().status(),
    byFeature: groups.map((g) => ({
      feature: g.feature,
      mode: g.mode,
      status: g.status,
      cached: g.cached,
      calls: g._count._all,
      inputTokens: g._sum.inputTokens ?? 0,
      outputTokens: g._sum.outputTokens ?? 0,
      avgLatencyMs: Math.round(g._avg.latencyMs ?? 0),
    })),
    recentFailures,
    topUsers: topUsers.map((u) => ({
      userId: u.userId,
      username: users.find((x) => x.id === u.userId)?.username ?? null,
      liveCalls: u._count._all,
    })),
  };
}
