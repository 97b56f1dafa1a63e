// The socket.io connection (same origin, learner cookie). Events for a submission nobody has subscribed to
// yet are kept for a while and replayed on subscribe: the server may announce a submission before the POST
// that created it has answered.
import { io, type Socket } from "socket.io-client";
import type { LiveEvent } from "./types";

type Listener = (event: LiveEvent) => void;

const BUFFER_MS = 2 * 60 * 1000;
const MAX_BUFFERED_SUBMISSIONS = 100;

let socket: Socket | null = null;
const listeners = new Map<string, Set<Listener>>();
const buffered = new Map<string, { at: number; events: LiveEvent[] }>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function deliver(event: LiveEvent): void {
  const subscribers = listeners.get(event.submissionId);
  if (subscribers && subscribers.size > 0) {
    for (const listener of [...subscribers]) listener(event);
    return;
  }
  const now = Date.now();
  for (const [id, entry] of buffered) {
    if (now - entry.at > BUFFER_MS || buffered.size > MAX_BUFFERED_SUBMISSIONS) buffered.delete(id);
  }
  const entry = buffered.get(event.submissionId) ?? { at: now, events: [] };
  entry.at = now;
  entry.events.push(event);
  buffered.set(event.submissionId, entry);
}

function on(s: Socket, name: string, type: LiveEvent["type"], valid: (payload: Record<string, unknown>) => boolean): void {
  s.on(name, (payload: unknown) => {
    if (!isRecord(payload) || typeof payload.submissionId !== "string" || !valid(payload)) return;
    deliver({ ...payload, type } as LiveEvent);
  });
}

/** Opens the connection if it is not open yet. Call after a first API request so the learner cookie exists. */
export function connectLive(): void {
  if (socket) return;
  const s = io({ withCredentials: true });
  on(s, "submission:queued", "queued", (p) => typeof p.queuePosition === "number");
  on(s, "submission:running", "running", (p) => typeof p.totalCount === "number");
  on(s, "submission:test", "test", (p) => typeof p.index === "number" && isRecord(p.test));
  on(s, "submission:finished", "finished", (p) => isRecord(p.submission));
  socket = s;
}

export function isLiveConnected(): boolean {
  return socket?.connected ?? false;
}

/** Subscribes to one submission's events (replaying any that arrived early); returns the unsubscribe. */
export function subscribe(submissionId: string, listener: Listener): () => void {
  connectLive();
  let subscribers = listeners.get(submissionId);
  if (!subscribers) {
    subscribers = new Set();
    listeners.set(submissionId, subscribers);
  }
  subscribers.add(listener);
  const early = buffered.get(submissionId);
  if (early) {
    buffered.delete(submissionId);
    for (const event of early.events) listener(event);
  }
  return () => {
    const current = listeners.get(submissionId);
    current?.delete(listener);
    if (current && current.size === 0) listeners.delete(submissionId);
  };
}
