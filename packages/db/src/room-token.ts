// Room tokens: short-lived JWTs the web app signs (HS256, AUTH_JWT_SECRET) naming the room, the
// user and the permission. The realtime server trusts nothing else on upgrade. One copy, shared by
// the signer (packages/api, `collab.roomToken`) and the verifier (apps/realtime).
import { errors, jwtVerify, SignJWT } from 'jose';

export const ROOM_TOKEN_AUDIENCE = 'roguelearn-realtime';
export type RoomPermission = 'read' | 'write';

export interface RoomClaims {
  room: string;
  userId: string;
  name: string;
  permission: RoomPermission;
  /**
   * Write permission ends at this time (epoch ms) even on a connection opened before it: a
   * meeting's notes close when the meeting does, not when the last token issued during it expires.
   */
  writeUntil?: number;
}

export async function signRoomToken(secret: Uint8Array, claims: RoomClaims, ttlSec = 300): Promise<string> {
  return new SignJWT({
    room: claims.room,
    name: claims.name,
    perm: claims.permission,
    ...(claims.writeUntil !== undefined && { wu: Math.floor(claims.writeUntil / 1000) }),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setAudience(ROOM_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSec}s`)
    .sign(secret);
}

/** The claims of a valid token for `room`, or null (forged, expired, or for another room). */
export async function verifyRoomToken(secret: Uint8Array, token: string, room: string): Promise<RoomClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { audience: ROOM_TOKEN_AUDIENCE, algorithms: ['HS256'] });
    if (payload.room !== room || typeof payload.sub !== 'string') return null;
    return {
      room,
      userId: payload.sub,
      name: typeof payload.name === 'string' ? payload.name : 'anonymous',
      permission: payload.perm === 'write' ? 'write' : 'read',
      ...(typeof payload.wu === 'number' && { writeUntil: payload.wu * 1000 }),
    };
  } catch (err) {
    if (err instanceof errors.JOSEError) return null;
    throw err;
  }
}

/**
 * Room names: `pair:<pairSessionId>` and `meeting:<meetingId>` (CollabDocument.room holds the same
 * name); anything else is a scratch document. The realtime server creates a room's row on first use
 * with the kind its name implies.
 */
export type RoomKind = 'PAIR_SESSION' | 'MEETING' | 'SCRATCH';
export const pairRoom = (pairSessionId: string) => `pair:${pairSessionId}`;
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

export function parseRoom(room: string): { kind: RoomKind; id: string } {
  const i = room.indexOf(':');
  const prefix = i > 0 ? room.slice(0, i) : '';
  const id = i > 0 ? room.slice(i + 1) : room;
  if (prefix === 'pair') return { kind: 'PAIR_SESSION', id };
  if (prefix === 'meeting') return { kind: 'MEETING', id };
  return { kind: 'SCRATCH', id: room };
}
