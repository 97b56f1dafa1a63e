// Live updates over socket.io: each connection joins its learner's room, found from the same cookie as HTTP
// requests, and grading events go to that room only, so a learner never receives another's results. A broadcast to
// a room reaches every web server through the adapter (event-bus.ts), whichever one holds the learner's socket.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { identityFromCookies } from "../auth/identity";
import type { Database } from "../database/client";
import type { TutorEvents } from "../tutor/service";
import { type EventBus, learnerRoomEvents, roomOf } from "./event-bus";
import type { SubmissionEvents } from "./submission-events";

export function attachRealtime(httpServer: HttpServer, db: Database, bus: EventBus): { io: Server; events: SubmissionEvents; tutorEvents: TutorEvents } {
  const io = new Server(httpServer, { serveClient: false, cors: { origin: false }, adapter: bus.adapter });
  io.use(async (socket, next) => {
    try {
      const identity = await identityFromCookies(db, socket.handshake.headers.cookie);
      if (!identity) return next(new Error("unknown learner: load the page first so that it can identify you"));
      socket.data.userId = identity.user.id;
      next();
    } catch {
      next(new Error("the server cannot identify you right now; it retries by itself"));
    }
  });
  io.on("connection", (socket) => {
    void socket.join(roomOf(socket.data.userId as string));
  });
  return { io, ...learnerRoomEvents(io) };
}
