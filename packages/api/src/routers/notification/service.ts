// The in-app inbox. Other domains call `notify`/`notifyMany` inside their own transactions, so
// a notification exists exactly when the event that caused it committed, and the NOTIFY that
// wakes live subscribers (on any web replica) is only delivered on commit.
import crypto from 'node:crypto';
import type { Db, DbTx, Prisma } from '@roguelearn/db';
import type { Notifier } from '@roguelearn/db/notify';
import type { z } from 'zod';
import type { listNotificationsInput, setNotificationPreferencesInput } from '../../schemas/notification';
import { notificationTypes } from '../../schemas/notification';
import { channelInbox, parseJson } from './live';

export const NOTIFICATIONS_CHANNEL = 'notifications';

/** Where notifications point; one place, so the web app can follow if routes move. */
export const links = {
  friends: () => '/friends',
  parties: (partyId: string) => `/parties/${partyId}`,
  meeting: (partyId: string, meetingId: string) => `/parties/${partyId}/meetings/${meetingId}`,
  guild: (slug: string) => `/guilds/${slug}`,
  invitations: () => '/invitations',
  match: () => '/pair',
  pairSession: (sessionId: string) => `/pair/${sessionId}`,
};

export interface NotificationInput {
  type: string;
  title: string;
  body?: string;
  link?: string | null;
  data?: Prisma.InputJsonObject;
}

/** What travels on the channel: whose inbox changed, and the new row if there is one. */
interface Signal {
  u: string;
  /** A new notification's id. */
  n?: string;
  /** Show it as a toast (the user's `push` preference for its type). */
  p?: boolean;
}

const publish = (tx: DbTx, s: Signal) =>
  tx.$executeRaw`SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, ${JSON.stringify(s)})`;

/**
 * Stores notifications for several users (skipping those whose preference turns the type off)
 * and signals live subscribers. Returns the ids created, in input order, null where skipped.
 */
export async function notifyMany(
  tx: DbTx,
  items: { userId: string; notification: NotificationInput }[],
): Promise<(string | null)[]> {
  if (!items.length) return [];
  const prefs = await tx.notificationPreference.findMany({
    where: { OR: items.map((i) => ({ userId: i.userId, type: i.notification.type })) },
  });
  const pref = (userId: string, type: string) => prefs.find((p) => p.userId === userId && p.type === type);
  const rows: Prisma.NotificationCreateManyInput[] = [];
  const ids = items.map(({ userId, notification: n }) => {
    if (pref(userId, n.type)?.inApp === false) return null;
    const id = crypto.randomUUID();
    rows.push({
      id,
      userId,
      type: n.type,
      title: n.title,
      body: n.body ?? '',
      link: n.link ?? null,
      data: n.data ?? {},
    });
    return id;
  });
  if (rows.length) await tx.notification.createMany({ data: rows });
  for (const [i, id] of ids.entries()) {
    if (!id) continue;
    const { userId, notification } = items[i];
    await publish(tx, { u: userId, n: id, p: pref(userId, notification.type)?.push !== false });
  }
  return ids;
}

/** One notification; null when the user turned this type off. */
export async function notify(tx: DbTx, userId: string, notification: NotificationInput): Promise<string | null> {
  const [id] = await notifyMany(tx, [{ userId, notification }]);
  return id;
}

const notificationSelect = {
  id: true,
  type: true,
  title: true,
  body: true,
  link: true,
  data: true,
  readAt: true,
  createdAt: true,
} satisfies Prisma.NotificationSelect;

export async function listNotifications(db: Db, userId: string, input: z.infer<typeof listNotificationsInput>) {
  const rows = await db.notification.findMany({
    where: { userId, ...(input.unreadOnly ? { readAt: null } : {}) },
    // Unread first: readAt NULL sorts first descending; read ones follow, most recently read first.
    orderBy: input.unreadFirst
      ? [{ readAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }, { id: 'desc' }]
      : [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: notificationSelect,
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1].id : null };
}

export function unreadCount(db: DbTx, userId: string) {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Marks the caller's own notifications read; other users' ids are silently ignored. */
export async function markRead(db: Db, userId: string, ids: string[] | 'all') {
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId, readAt: null, ...(ids === 'all' ? {} : { id: { in: ids } }) },
      data: { readAt: new Date() },
    });
    // Other tabs of the same user update their badge.
    if (count) await publish(tx, { u: userId });
    return { updated: count, unread: await unreadCount(tx, userId) };
  });
}

/** Every known type with the user's setting (default: on), plus any stored unknown types. */
export async function getPreferences(db: Db, userId: string) {
  const stored = await db.notificationPreference.findMany({
    where: { userId },
    select: { type: true, inApp: true, push: true },
  });
  const known = notificationTypes.map(
    (type) => stored.find((s) => s.type === type) ?? { type, inApp: true, push: true },
  );
  return [...known, ...stored.filter((s) => !(notificationTypes as readonly string[]).includes(s.type))];
}

export async function setPreferences(db: Db, userId: string, input: z.infer<typeof setNotificationPreferencesInput>) {
  await db.$transaction(
    input.preferences.map(({ type, inApp, push }) =>
      db.notificationPreference.upsert({
        where: { userId_type: { userId, type } },
        create: { userId, type, inApp, push },
        update: { inApp, push },
      }),
    ),
  );
  return getPreferences(db, userId);
}

/** A user counts as online while a live subscription of theirs touched lastSeenAt this recently. */
export const PRESENCE_WINDOW_MS = 2 * 60_000;
const HEARTBEAT_MS = 60_000;

export type LiveEvent =
  | { kind: 'sync'; unreadCount: number }
  | {
      kind: 'new';
      unreadCount: number;
      /** False when the user asked not to be interrupted by this type: update the badge only. */
      push: boolean;
      notification: Prisma.NotificationGetPayload<{ select: typeof notificationSelect }>;
    };

/**
 * The live inbox: the unread count at once, then each new notification as it is created (on any
 * replica), and a fresh count when another tab marks something read. While it runs it also keeps
 * the user's lastSeenAt fresh, which is what friends' presence reads.
 */
export async function* liveNotifications(
  db: Db,
  notifier: Notifier | undefined,
  userId: string,
  signal?: AbortSignal,
): AsyncGenerator<LiveEvent> {
  const touch = () => db.user.update({ where: { id: userId }, data: { lastSeenAt: new Date() } });
  await touch();
  let count = await unreadCount(db, userId);
  yield { kind: 'sync', unreadCount: count };
  if (!notifier) return;
  const inbox = channelInbox(
    notifier,
    NOTIFICATIONS_CHANNEL,
    (payload) => {
      const s = parseJson(payload) as Signal | null;
      return s && s.u === userId ? s : null;
    },
    signal,
  );
  let lastTouch = Date.now();
  try {
    while (!signal?.aborted) {
      const signals = await inbox.next(HEARTBEAT_MS);
      if (Date.now() - lastTouch >= HEARTBEAT_MS / 2) {
        await touch();
        lastTouch = Date.now();
      }
      if (signal?.aborted) break;
      const newIds = signals.flatMap((s) => (s.n ? [s.n] : []));
      const fresh = newIds.length
        ? await db.notification.findMany({ where: { id: { in: newIds }, userId }, select: notificationSelect })
        : [];
      const next = await unreadCount(db, userId);
      for (const id of newIds) {
        const notification = fresh.find((f) => f.id === id);
        const s = signals.find((x) => x.n === id);
        if (notification) yield { kind: 'new', unreadCount: next, push: s?.p !== false, notification };
      }
      if (!fresh.length && next !== count) yield { kind: 'sync', unreadCount: next };
      count = next;
    }
  } finally {
    inbox.close();
  }
}
