// Collaborative rooms: who may open which room (and whether they may edit), the short-lived room
// tokens apps/realtime checks on connect, named versions of a room's document, and its update log
// for replay. The realtime server owns the live document; everything here reads what it committed
// (an edit is committed before any other client sees it, so this is never behind what people saw).
import type { Db, DbTx } from '@roguelearn/db';
import { meetingRoom, pairRoom, parseRoom, type RoomPermission, signRoomToken } from '@roguelearn/db/room-token';
import * as Y from 'yjs';
import type { z } from 'zod';
import type { AuthConfig } from '../../config';
import { DomainError, forbidden, notFound } from '../../errors';
import type { historyInput, saveVersionInput } from '../../schemas/collab';
import type { SessionUser } from '../auth/service';
import { managedBy } from '../classes/service';
import { closesAt, isMeetingMember, isOpen } from '../meeting/service';

export const ROOM_TOKEN_TTL_SEC = 300;
export const MAX_VERSIONS_PER_DOCUMENT = 200;
export const DEFAULT_REALTIME_URL = 'ws://localhost:1234';

export interface RoomAccess {
  room: string;
  permission: RoomPermission;
  documentId: string;
  /** When writing ends regardless of the token's lifetime (epoch ms), if known in advance. */
  writeUntil?: number;
}

/**
 * Where the room's document row must be named `room`. Pair sessions always have one (created with
 * the session); a meeting gets one the first time someone opens its room.
 */
async function ensureDocument(
  db: Db,
  room: string,
  kind: 'PAIR_SESSION' | 'MEETING',
  current: { id: string; room: string } | null,
  link?: (documentId: string) => Promise<unknown>,
): Promise<string> {
  if (current?.room === room) return current.id;
  try {
    if (current) {
      // Created under another name: take the canonical one (realtime finds rows by room name).
      await db.collabDocument.update({ where: { id: current.id }, data: { room } });
      return current.id;
    }
    const doc = await db.collabDocument.upsert({ where: { room }, create: { room, kind }, update: {} });
    await link?.(doc.id);
    return doc.id;
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') {
      throw new DomainError('CONFLICT', 'This room is being set up elsewhere. Try again.');
    }
    throw err;
  }
}

/**
 * Who may watch a pair session they aren't part of (live, read-only, and its replay): admins any;
 * instructors and assistants only sessions of students enrolled in a class they teach.
 */
export async function watchesPairSession(db: DbTx, user: SessionUser, participantIds: string[]): Promise<boolean> {
  if (user.role === 'ADMIN') return true;
  if (user.role !== 'INSTRUCTOR' || !participantIds.length) return false;
  const classes = await db.class.count({
    where: { ...managedBy(user), enrollments: { some: { role: 'STUDENT', userId: { in: participantIds } } } },
  });
  return classes > 0;
}

/**
 * What `user` may do in `room`: participants of a pair session edit it (read-only once it ended),
 * their instructors and admins watch; members of a meeting's party edit the meeting's room until
 * it is over or cancelled, then read it. Anyone else is refused.
 */
export async function roomAccess(db: Db, user: SessionUser, room: string): Promise<RoomAccess> {
  const { kind, id } = parseRoom(room);
  if (kind === 'PAIR_SESSION') {
    const session = await db.pairSession.findUnique({
      where: { id },
      select: {
        status: true,
        document: { select: { id: true, room: true } },
        participants: { select: { userId: true } },
      },
    });
    if (!session) throw notFound('Pair session');
    const participantIds = session.participants.map((p) => p.userId);
    let permission: RoomPermission;
    if (participantIds.includes(user.id)) permission = session.status === 'ACTIVE' ? 'write' : 'read';
    else if (await watchesPairSession(db, user, participantIds)) permission = 'read';
    else throw forbidden('You are not part of this pair session');
    const documentId = await ensureDocument(db, pairRoom(id), 'PAIR_SESSION', session.document);
    return { room: pairRoom(id), permission, documentId };
  }
  if (kind === 'MEETING') {
    const meeting = await db.meeting.findUnique({
      where: { id },
      select: {
        partyId: true,
        guildId: true,
        scheduledAt: true,
        durationMinutes: true,
        cancelledAt: true,
        document: { select: { id: true, room: true } },
      },
    });
    if (!meeting) throw notFound('Meeting');
    if (!(await isMeetingMember(db, user.id, meeting))) {
      throw forbidden('Only members of the party can join this meeting');
    }
    const documentId = await ensureDocument(db, meetingRoom(id), 'MEETING', meeting.document, (docId) =>
      db.meeting.update({ where: { id }, data: { documentId: docId } }),
    );
    return isOpen(meeting)
      ? { room: meetingRoom(id), permission: 'write', documentId, writeUntil: closesAt(meeting) }
      : { room: meetingRoom(id), permission: 'read', documentId };
  }
  throw notFound('Room');
}

/**
 * Where browsers reach apps/realtime. Read through an alias so a bundler can't inline the value
 * seen at build time: the platform sets it when it starts the services.
 */
function realtimeUrl(): string {
  const env = process.env;
  return env.NEXT_PUBLIC_REALTIME_URL || DEFAULT_REALTIME_URL;
}

/** A signed token for apps/realtime, valid for five minutes; the client reconnects with a fresh one. */
export async function issueRoomToken(db: Db, config: AuthConfig, user: SessionUser, room: string) {
  const access = await roomAccess(db, user, room);
  const token = await signRoomToken(
    config.jwtSecret,
    {
      room: access.room,
      userId: user.id,
      name: user.displayName,
      permission: access.permission,
      writeUntil: access.writeUntil,
    },
    ROOM_TOKEN_TTL_SEC,
  );
  return {
    token,
    url: realtimeUrl(),
    room: access.room,
    permission: access.permission,
    expiresAt: new Date(Date.now() + ROOM_TOKEN_TTL_SEC * 1000),
  };
}

async function requireAccess(db: Db, user: SessionUser, room: string, need: RoomPermission) {
  const access = await roomAccess(db, user, room);
  if (need === 'write' && access.permission !== 'write') throw forbidden('You can only view this room');
  return access;
}

/**
 * The committed state: the snapshot plus the updates after it, read in one REPEATABLE READ
 * transaction so a compaction committing in between can't drop updates from the picture.
 */
async function committedDoc(db: Db, documentId: string): Promise<Y.Doc> {
  const { snapshot, updates } = await db.$transaction(
    async (tx: DbTx) => {
      const d = await tx.collabDocument.findUniqueOrThrow({
        where: { id: documentId },
        select: { snapshot: true, snapshotSeq: true },
      });
      const updates = await tx.collabUpdate.findMany({
        where: { documentId, seq: { gt: d.snapshotSeq } },
        orderBy: { seq: 'asc' },
        select: { update: true },
      });
      return { snapshot: d.snapshot, updates };
    },
    { isolationLevel: 'RepeatableRead' },
  );
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return doc;
}

const versionSelect = {
  id: true,
  name: true,
  createdAt: true,
  createdBy: { select: { id: true, username: true, displayName: true } },
} as const;

export async function listVersions(db: Db, user: SessionUser, room: string) {
  const { documentId } = await requireAccess(db, user, room, 'read');
  const rows = await db.documentVersion.findMany({
    where: { documentId },
    orderBy: { createdAt: 'desc' },
    select: { ...versionSelect, text: true },
  });
  return rows.map(({ text, ...v }) => ({ ...v, length: text.length }));
}

export async function getVersion(db: Db, user: SessionUser, room: string, id: string) {
  const { documentId } = await requireAccess(db, user, room, 'read');
  const v = await db.documentVersion.findFirst({
    where: { id, documentId },
    select: { ...versionSelect, text: true },
  });
  if (!v) throw notFound('Version');
  return v;
}

/** Saves the room's committed state (bytes) and the text of its `field` Y.Text under a name. */
export async function saveVersion(db: Db, user: SessionUser, input: z.infer<typeof saveVersionInput>) {
  const { documentId } = await requireAccess(db, user, input.room, 'write');
  const count = await db.documentVersion.count({ where: { documentId } });
  if (count >= MAX_VERSIONS_PER_DOCUMENT) {
    throw new DomainError('PRECONDITION_FAILED', `A document keeps at most ${MAX_VERSIONS_PER_DOCUMENT} versions`);
  }
  const doc = await committedDoc(db, documentId);
  const v = await db.documentVersion.create({
    data: {
      documentId,
      name: input.name,
      state: new Uint8Array(Y.encodeStateAsUpdate(doc)),
      text: doc.getText(input.field).toString(),
      createdById: user.id,
    },
    select: { ...versionSelect, text: true },
  });
  doc.destroy();
  const { text, ...rest } = v;
  return { ...rest, length: text.length };
}

/**
 * The saved text, for the client to apply to its Y.Text as one ordinary (undoable) edit: a restore
 * is a change like any other, so collaborators see it live and anyone can undo it.
 */
export async function restoreVersion(db: Db, user: SessionUser, room: string, id: string) {
  const { documentId } = await requireAccess(db, user, room, 'write');
  const v = await db.documentVersion.findFirst({
    where: { id, documentId },
    select: { id: true, name: true, text: true },
  });
  if (!v) throw notFound('Version');
  return v;
}

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

/**
 * The update log for replay, oldest first, a page at a time. When compaction has dropped the
 * start of the log, the first page carries the snapshot as `base` (the state at `baseSeq`) and the
 * replay starts from it; otherwise `base` is null and the replay starts from an empty document.
 */
export async function history(db: Db, user: SessionUser, input: z.infer<typeof historyInput>) {
  const { documentId, room } = await requireAccess(db, user, input.room, 'read');
  return db.$transaction(
    async (tx: DbTx) => {
      const d = await tx.collabDocument.findUniqueOrThrow({
        where: { id: documentId },
        select: { snapshot: true, snapshotSeq: true },
      });
      let base: string | null = null;
      let from = input.afterSeq ? BigInt(input.afterSeq) : 0n;
      if (!input.afterSeq && d.snapshotSeq > 0n && d.snapshot) {
        const compactedKept = await tx.collabUpdate.count({ where: { documentId, seq: { lte: d.snapshotSeq } } });
        if (!compactedKept) {
          base = b64(d.snapshot);
          from = d.snapshotSeq;
        }
      }
      const rows = await tx.collabUpdate.findMany({
        where: { documentId, seq: { gt: from } },
        orderBy: { seq: 'asc' },
        take: input.limit + 1,
        select: { seq: true, createdAt: true, userId: true, update: true },
      });
      const more = rows.length > input.limit;
      const page = more ? rows.slice(0, input.limit) : rows;
      const authorIds = [...new Set(page.map((r) => r.userId).filter((x): x is string => !!x))];
      const authors = authorIds.length
        ? await tx.user.findMany({
            where: { id: { in: authorIds } },
            select: { id: true, username: true, displayName: true },
          })
        : [];
      return {
        room,
        base,
        baseSeq: base ? d.snapshotSeq.toString() : null,
        updates: page.map((r) => ({
          seq: r.seq.toString(),
          createdAt: r.createdAt,
          userId: r.userId,
          update: b64(r.update),
        })),
        authors,
        nextAfterSeq: more ? page[page.length - 1].seq.toString() : null,
      };
    },
    { isolationLevel: 'RepeatableRead' },
  );
}
