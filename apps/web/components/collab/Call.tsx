'use client';

// An audio/video call between everyone in a room who joins it: a full mesh, one peer connection
// per other person (fine for a pair or a party of six). Signalling rides the room's relay channel.
// Of each pair, the peer with the smaller user id opens the link and restarts it; the other is
// polite in the WebRTC "perfect negotiation" pattern, which resolves any renegotiation that crosses.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import styles from './collab.module.css';
import type { RelayPayload, Room } from './useRoom';

type Signal =
  | { t: 'call'; kind: 'join' | 'ready' | 'leave' }
  | { t: 'call'; kind: 'sdp'; description: RTCSessionDescriptionInit }
  | { t: 'call'; kind: 'ice'; candidate: RTCIceCandidateInit };

interface Peer {
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
}

const connectionLabels: Record<RTCPeerConnectionState, string> = {
  new: 'connecting…',
  connecting: 'connecting…',
  connected: 'connected',
  disconnected: 'connection lost, retrying…',
  failed: 'connection failed, retrying…',
  closed: 'left',
};

interface Remote {
  stream: MediaStream | null;
  connection: RTCPeerConnectionState | null;
}

export function Call({
  room,
  meId,
  names,
  waitingFor = 'your partner',
}: {
  room: Room;
  meId: string;
  names: Record<string, string>;
  /** Who the empty call waits for, as in "Waiting for your partner to join the call…". */
  waitingFor?: string;
}) {
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remotes, setRemotes] = useState<Record<string, Remote>>({});
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const peers = useRef(new Map<string, Peer>());
  const localRef = useRef<MediaStream | null>(null);

  const send = useCallback((to: string | undefined, s: Signal) => room.relay({ ...s, ...(to ? { to } : {}) }), [room]);

  const closePeer = useCallback((userId: string) => {
    peers.current.get(userId)?.pc.close();
    peers.current.delete(userId);
    setRemotes(({ [userId]: _gone, ...rest }) => rest);
  }, []);

  const addLocalTracks = useCallback((pc: RTCPeerConnection) => {
    const stream = localRef.current;
    for (const track of stream?.getTracks() ?? []) pc.addTrack(track, stream as MediaStream);
  }, []);

  const peerFor = useCallback(
    (userId: string, withTracks = true): Peer => {
      const existing = peers.current.get(userId);
      if (existing) return existing;
      const pc = new RTCPeerConnection();
      const peer: Peer = { pc, polite: meId > userId, makingOffer: false, ignoreOffer: false };
      peers.current.set(userId, peer);
      pc.onnegotiationneeded = async () => {
        try {
          peer.makingOffer = true;
          await pc.setLocalDescription();
          if (pc.localDescription) send(userId, { t: 'call', kind: 'sdp', description: pc.localDescription.toJSON() });
        } catch (err) {
          setError((err as Error).message);
        } finally {
          peer.makingOffer = false;
        }
      };
      pc.onicecandidate = ({ candidate }) => {
        if (candidate) send(userId, { t: 'call', kind: 'ice', candidate: candidate.toJSON() });
      };
      pc.ontrack = ({ streams, track }) => {
        const stream = streams[0] ?? new MediaStream([track]);
        setRemotes((r) => ({ ...r, [userId]: { connection: r[userId]?.connection ?? null, stream } }));
      };
      pc.onconnectionstatechange = () => {
        setRemotes((r) => ({ ...r, [userId]: { stream: r[userId]?.stream ?? null, connection: pc.connectionState } }));
        // Both sides see the failure; restart offers from both would cross.
        if (pc.connectionState === 'failed' && !peer.polite) pc.restartIce();
      };
      if (withTracks) addLocalTracks(pc);
      return peer;
    },
    [meId, send, addLocalTracks],
  );

  const handleSignal = useCallback(
    async (from: string, s: Signal) => {
      if (s.kind === 'join') {
        // A rejoin replaces the old link. Only the impolite side of a pair offers, even when both
        // join at once: the polite side's rollback of a crossing offer can leave Chromium's ICE
        // agent gathering no candidates, and then no media ever flows. The polite side replies
        // instead: its own join may have arrived before the other's camera started, and been dropped.
        closePeer(from);
        if (meId < from) peerFor(from);
        else send(from, { t: 'call', kind: 'ready' });
      } else if (s.kind === 'ready') {
        // Unless their join came after our camera started: then the link is already on its way.
        if (!peers.current.has(from)) peerFor(from);
      } else if (s.kind === 'leave') {
        closePeer(from);
      } else if (s.kind === 'sdp') {
        const fresh = !peers.current.has(from);
        // Only an offer opens a link: an answer without one is for a link we've since closed.
        if (fresh && s.description.type !== 'offer') return;
        // Answering a first offer: our tracks go onto the transceivers it created, after it.
        const peer = peerFor(from, !fresh);
        const { pc } = peer;
        const collision = s.description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
        peer.ignoreOffer = !peer.polite && collision;
        if (peer.ignoreOffer) return;
        await pc.setRemoteDescription(s.description);
        if (fresh) addLocalTracks(pc);
        if (s.description.type === 'offer') {
          await pc.setLocalDescription();
          if (pc.localDescription) send(from, { t: 'call', kind: 'sdp', description: pc.localDescription.toJSON() });
        }
      } else if (s.kind === 'ice') {
        const peer = peers.current.get(from);
        if (!peer) return;
        try {
          await peer.pc.addIceCandidate(s.candidate);
        } catch (err) {
          if (!peer.ignoreOffer) throw err;
        }
      }
    },
    [meId, peerFor, closePeer, send, addLocalTracks],
  );

  // Signals are handled one at a time, in arrival order: a candidate must not be added while the
  // description it belongs to is still being applied.
  useEffect(() => {
    let queue = Promise.resolve();
    return room.onRelay((from, payload: RelayPayload) => {
      if (payload.t !== 'call') return;
      queue = queue.then(async () => {
        if (!localRef.current) return;
        try {
          await handleSignal(from, payload as unknown as Signal);
        } catch (err) {
          setError((err as Error).message);
        }
      });
    });
  }, [room, handleSignal]);

  const leave = useCallback(() => {
    send(undefined, { t: 'call', kind: 'leave' });
    for (const id of [...peers.current.keys()]) closePeer(id);
    for (const track of localRef.current?.getTracks() ?? []) track.stop();
    localRef.current = null;
    setLocal(null);
    setRemotes({});
  }, [send, closePeer]);

  // Leaving the page hangs up.
  const leaveRef = useRef(leave);
  leaveRef.current = leave;
  useEffect(() => () => leaveRef.current(), []);

  // After a reconnect the others may have dropped us: announce ourselves again. They replace their
  // links with us on hearing it, so ours go too.
  useEffect(() => {
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected' || !localRef.current) return;
      for (const id of [...peers.current.keys()]) closePeer(id);
      send(undefined, { t: 'call', kind: 'join' });
    };
    room.provider.on('status', onStatus);
    return () => room.provider.off('status', onStatus);
  }, [room, send, closePeer]);

  async function join() {
    setError(null);
    setStarting(true);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      localRef.current = stream;
      setLocal(stream);
      setMuted(false);
      setCameraOff(false);
      send(undefined, { t: 'call', kind: 'join' });
    } catch (err) {
      setError(
        (err as Error).name === 'NotAllowedError'
          ? 'The browser blocked the camera and microphone. Allow them for this site and try again.'
          : `We couldn't start your camera or microphone: ${(err as Error).message}`,
      );
    } finally {
      setStarting(false);
    }
  }

  const toggle = (kind: 'audio' | 'video') => {
    const tracks = kind === 'audio' ? local?.getAudioTracks() : local?.getVideoTracks();
    const off = kind === 'audio' ? !muted : !cameraOff;
    for (const t of tracks ?? []) t.enabled = !off;
    if (kind === 'audio') setMuted(off);
    else setCameraOff(off);
  };

  const inCall = Object.entries(remotes).filter(([, r]) => r.stream);
  const nameOf = (userId: string) => names[userId] ?? 'Someone';

  return (
    <div className={styles.call}>
      {local ? (
        <>
          <div className={styles.videos}>
            {inCall.length === 0 && (
              <figure className={styles.tile}>
                <p className={styles.waitingTile}>Waiting for {waitingFor} to join the call…</p>
              </figure>
            )}
            {inCall.map(([userId, r]) => (
              <figure key={userId} className={styles.tile}>
                <Video stream={r.stream as MediaStream} label={`${nameOf(userId)}'s video`} testId="remote-video" />
                <figcaption>
                  {nameOf(userId)}
                  {r.connection && r.connection !== 'connected' && (
                    <span className={styles.muted}> · {connectionLabels[r.connection]}</span>
                  )}
                </figcaption>
              </figure>
            ))}
            <figure className={styles.tile}>
              <Video stream={local} label="Your video" muted testId="local-video" />
              <figcaption>You{muted ? ' (muted)' : ''}</figcaption>
            </figure>
          </div>
          <p className="visually-hidden" role="status" aria-live="polite">
            {inCall.length
              ? `${inCall.map(([userId]) => nameOf(userId)).join(', ')} ${inCall.length === 1 ? 'is' : 'are'} in the call.`
              : `Waiting for ${waitingFor}.`}
          </p>
          <div className={styles.callActions}>
            <Button variant="secondary" aria-pressed={muted} onClick={() => toggle('audio')}>
              {muted ? 'Unmute' : 'Mute'}
            </Button>
            <Button variant="secondary" aria-pressed={cameraOff} onClick={() => toggle('video')}>
              {cameraOff ? 'Camera on' : 'Camera off'}
            </Button>
            <Button variant="danger" onClick={leave}>
              Leave call
            </Button>
          </div>
        </>
      ) : (
        <Button onClick={join} pending={starting} pendingLabel="Starting…">
          Join call
        </Button>
      )}
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

function Video({
  stream,
  label,
  muted,
  testId,
}: {
  stream: MediaStream;
  label: string;
  muted?: boolean;
  testId: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted={muted} aria-label={label} data-testid={testId} />;
}
