// What the commands about one course's work (`similarity`, `regrade`) share: the database the platform uses, a
// course id from the command line checked against it, and the API's own refusals (HttpError, already worded for
// whoever asked) printed as they are rather than as a crash.
import type { PlatformConfig } from "../config";
import type { Database } from "../database/client";
import { openDatabase } from "../database/open";
import { HttpError } from "../http/errors";

/**
 * Runs `work` on the platform's database and gives its exit code; 1, with a message, when `course` (if given) is
 * not in that database or the work is refused. The database is closed whatever happens.
 */
export async function withCourseDatabase(config: PlatformConfig, course: string | undefined, work: (db: Database) => Promise<number>): Promise<number> {
  const database = await openDatabase(config, (line) => console.error(line));
  try {
    if (course !== undefined && !(await database.db.course.findUnique({ where: { id: course } }))) {
      console.error(`There is no course with the id ${course} in this database.`);
      return 1;
    }
    return await work(database.db);
  } catch (e) {
    if (e instanceof HttpError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await database.close();
  }
}
