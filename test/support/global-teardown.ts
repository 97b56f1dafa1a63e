import { dropDatabase } from "./database";

export default async function globalTeardown(): Promise<void> {
  const name = process.env.TUTOR_TEST_DATABASE_NAME;
  if (name) await dropDatabase(name);
}
