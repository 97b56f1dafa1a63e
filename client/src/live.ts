// The socket.io connection (same origin, learner cookie). Events for a submission nobody has subscribed to
// yet are kept for a while and replayed on subscribe: the server may announce a submission before the POST
// that created it has answered. The tutor's events (`tutor:progress`, `tutor:text`) work the same way, keyed
// by their `requestId`.
import { io, type Socket } from "socket.io-client";
import type { LiveEvent, TutorLiveEvent } from "./types";

type Listener = (event: LiveEvent) => void;

const BUFFER_MS = 2 * 60 * 1000;
const MAX_BUFFERED_SUBMISSIONS = 100;

let socket: Socket | null = null;
const listeners = new Map<string, Set<Listener>>();
const buffered = new Map<string, { at: number; events: LiveEvent[] }>();

type TutorListener = (event: TutorLiveEvent) => void;
const TUTOR_BUFFER_MS = 30 * 1000;
const MAX_BUFFERED_REQUESTS = 50;
const tutorListeners = new Map<string, Set<TutorListener>>();
/** Only the latest of each kind is kept: a later progress message supersedes, and `text` is the whole text so far. */
const tutorBuffered = new Map<string, { at: number; progress?: TutorLiveEvent; text?: TutorLiveEvent }>();

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

function deliverTutor(event: TutorLiveEvent): void {
  const subscribers = tutorListeners.get(event.requestId);
  if (subscribers && subscribers.size > 0) {
    for (const listener of [...subscribers]) listener(event);
    return;
  }
  const now = Date.now();
  for (const [id, entry] of tutorBuffered) {
    if (now - entry.at > TUTOR_BUFFER_MS || tutorBuffered.size > MAX_BUFFERED_REQUESTS) tutorBuffered.delete(id);
  }
  const entry = tutorBuffered.get(event.requestId) ?? { at: now };
  entry.at = now;
  entry[event.type] = event;
  tutorBuffered.set(event.requestId, entry);
}

/**
 * Opens the connection if it is not open yet. Call after a first API request so the learner cookie exists.
 * If the server refused an earlier attempt (no cookie yet), calling again retries.
 */
export function connectLive(): void {
  if (socket) {
    // socket.io does not retry by itself after its middleware refused the connection (`active` turns false).
    if (!socket.connected && !socket.active) socket.connect();
    return;
  }
  const s = io({ withCredentials: true });
  const optional = (value: unknown, type: "number" | "string") => value === undefined || typeof value === type;
  on(s, "submission:queued", "queued", (p) => typeof p.queuePosition === "number" && optional(p.attempt, "number") && optional(p.reason, "string"));
  on(s, "submission:running", "running", (p) => typeof p.totalCount === "number" && optional(p.attempt, "number"));
  on(s, "submission:test", "test", (p) => typeof p.index === "number" && isRecord(p.test));
  on(s, "submission:finished", "finished", (p) => isRecord(p.submission));
  s.on("tutor:progress", (payload: unknown) => {
    if (!isRecord(payload) || typeof payload.requestId !== "string" || typeof payload.message !== "string") return;
    const stage = typeof payload.stage === "string" ? payload.stage : "";
    deliverTutor({ type: "progress", requestId: payload.requestId, stage, message: payload.message });
  });
  s.on("tutor:text", (payload: unknown) => {
    if (!isRecord(payload) || typeof payload.requestId !== "string" || typeof payload.text !== "string") return;
    deliverTutor({ type: "text", requestId: payload.requestId, text: payload.text });
  });
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

/**
 * Subscribes to the tutor's events for one request (a submission id for feedback and hints, or the client's
 * own `requestId`), replaying the latest progress and text that arrived early; returns the unsubscribe.
 */
export function subscribeTutor(requestId: string, listener: TutorListener): () => void {
  connectLive();
  let subscribers = tutorListeners.get(requestId);
  if (!subscribers) {
    subscribers = new Set();
    tutorListeners.set(requestId, subscribers);
  }
  subscribers.add(listener);
  const early = tutorBuffered.get(requestId);
  if (early) {
    tutorBuffered.delete(requestId);
    if (Date.now() - early.at <= TUTOR_BUFFER_MS) {
      if (early.progress) listener(early.progress);
      if (early.text) listener(early.text);
    }
  }
  return () => {
    const current = tutorListeners.get(requestId);
    current?.delete(listener);
    if (current && current.size === 0) tutorListeners.delete(requestId);
  };
}

/** A fresh id for a tutor request. crypto.randomUUID exists only on https and localhost; self-hosted over plain
 * http on a LAN address falls back to getRandomValues, which works everywhere. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === "function") {
    try {
      return crypto.randomUUID();
    } catch {
      // fall through
    }
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
