// Live updates over socket.io: each connection joins its learner's room, found from the same cookie as HTTP
// requests, and grading events go to that room only, so a learner never receives another's results.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { identityFromCookies } from "../auth/identity";
import type { Database } from "../database/client";
import type { TutorEvents } from "../tutor/service";
import type { SubmissionEvents } from "./submission-events";

const roomOf = (userId: string) => `learner:${userId}`;

export function attachRealtime(httpServer: HttpServer, db: Database): { io: Server; events: SubmissionEvents; tutorEvents: TutorEvents } {
  const io = new Server(httpServer, { serveClient: false, cors: { origin: false } });
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
  const events: SubmissionEvents = {
    queued: (userId, submissionId, queuePosition) => io.to(roomOf(userId)).emit("submission:queued", { submissionId, queuePosition }),
    running: (userId, submissionId, totalCount) => io.to(roomOf(userId)).emit("submission:running", { submissionId, totalCount }),
    test: (userId, submissionId, index, totalCount, test) => io.to(roomOf(userId)).emit("submission:test", { submissionId, index, totalCount, test }),
    finished: (userId, submissionId, submission) => io.to(roomOf(userId)).emit("submission:finished", { submissionId, submission }),
  };
  const tutorEvents: TutorEvents = {
    progress: (userId, requestId, stage, message) => io.to(roomOf(userId)).emit("tutor:progress", { requestId, stage, message }),
    text: (userId, requestId, text) => io.to(roomOf(userId)).emit("tutor:text", { requestId, text }),
  };
  return { io, events, tutorEvents };
}
