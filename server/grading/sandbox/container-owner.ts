// Which process a sandbox container belongs to, so that a process starting on the same host can tell the
// containers of a crashed one (remove them now) from those of a live one (leave them to it). The owner is named by
// host name, pid and the pid's start time: after a restart, a new process may get the same pid (PID 1 in a
// container always does), but not the same start time.
import { readFileSync } from "node:fs";
import os from "node:os";

export const SANDBOX_OWNER_LABEL = "tutor.sandbox.owner";

/** The start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), or null without one. */
function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** A process (this one by default) as an owner label names it; null where /proc cannot tell (then only age counts). */
export function ownerLabel(pid = process.pid): string | null {
  const start = processStartTicks(pid);
  return start ? `${os.hostname()}/${pid}/${start}` : null;
}

/** Whether any process has this pid: signal 0 checks without sending, and EPERM means it exists but is not ours. */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the process an owner label names has certainly ended: it ran on this host (same host name) and no process
 * with its pid and start time exists now. Owners on other hosts, or unlabelled containers, are never called gone;
 * nor is a pid that exists but whose start time cannot be read (/proc mounted with hidepid hides other users').
 */
export function ownerIsGone(owner: string | undefined): boolean {
  const [host, pid, start] = owner?.split("/") ?? [];
  if (!host || !pid || !start || host !== os.hostname() || !/^\d+$/.test(pid)) return false;
  const current = processStartTicks(Number(pid));
  return current === null ? !pidExists(Number(pid)) : current !== start;
}
