// socket.io across processes. Every web server's socket.io, and every worker's event publisher, uses the official
// PostgreSQL adapter: a broadcast is sent with NOTIFY (payloads over 8,000 bytes go through the
// socket_io_attachments table, which a migration creates), and each web server LISTENs and delivers it to the
// sockets it holds. So an event emitted in any process reaches the learner wherever their browser is connected.
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import { Server } from "socket.io";
import type { TutorEvents } from "../tutor/service";
import type { SubmissionEvents } from "./submission-events";

export const roomOf = (userId: string) => `learner:${userId}`;

export interface EventBus {
  adapter: ReturnType<typeof createAdapter>;
  /** Waits until every event published so far has left, then closes the connections. */
  close(): Promise<void>;
}

/**
 * Records the queries running on the pool, so that closing can wait for them: a pool that is ending drops the
 * queries still waiting for a connection, which would lose the last events of a worker that is shutting down.
 */
function trackQueries(pool: pg.Pool): () => Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    const result = query(...args);
    if (result instanceof Promise) {
      inFlight.add(result);
      result.then(
        () => inFlight.delete(result),
        () => inFlight.delete(result),
      );
    }
    return result;
  };
  // A large payload is published in two steps (store it, then NOTIFY), so a finished step can start another.
  return async () => {
    while (inFlight.size) await Promise.allSettled([...inFlight]);
  };
}

export function connectEventBus(databaseUrl: string, log: (line: string) => void): EventBus {
  // Two connections: the adapter keeps one for LISTEN; the other carries every publish in turn, so the events
  // of one submission leave in the order they were emitted (more connections could reorder them).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", (e) => log(`live events: lost a database connection (${e.message}); reconnecting`));
  const settled = trackQueries(pool);
  const adapter = createAdapter(pool, { errorHandler: (e) => log(`live events: ${e.message}`) });
  return {
    adapter,
    async close() {
      await settled();
      await pool.end();
    },
  };
}

/** The learner-facing events, as broadcasts to the learner's room through `io` (and so through its adapter). */
export function learnerRoomEvents(io: Server): { events: SubmissionEvents; tutorEvents: TutorEvents } {
  const room = (userId: string) => io.to(roomOf(userId));
  return {
    events: {
      queued: (userId, submissionId, queuePosition, attempt = 0, reason) => room(userId).emit("submission:queued", { submissionId, queuePosition, attempt, ...(reason ? { reason } : {}) }),
      running: (userId, submissionId, totalCount, attempt) => room(userId).emit("submission:running", { submissionId, totalCount, attempt }),
      test: (userId, submissionId, index, totalCount, test) => room(userId).emit("submission:test", { submissionId, index, totalCount, test }),
      finished: (userId, submissionId, submission) => room(userId).emit("submission:finished", { submissionId, submission }),
    },
    tutorEvents: {
      progress: (userId, requestId, stage, message) => room(userId).emit("tutor:progress", { requestId, stage, message }),
      text: (userId, requestId, text) => room(userId).emit("tutor:text", { requestId, text }),
    },
  };
}

/**
 * A worker's side of live events: a socket.io server that accepts no connections and only broadcasts through the
 * adapter. (@socket.io/postgres-emitter 0.1.1 leaves out the namespace that adapter 0.5's messages carry, so the
 * web servers ignore what it sends.)
 */
export function startEventPublisher(bus: EventBus): { events: SubmissionEvents; close(): Promise<void> } {
  const io = new Server({ adapter: bus.adapter });
  return {
    events: learnerRoomEvents(io).events,
    async close() {
      // Server.close() would also close an HTTP engine this server never had.
      await io.of("/").adapter.close();
      await bus.close();
    },
  };
}
