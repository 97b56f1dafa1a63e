-- AlterTable
ALTER TABLE "TutorAnswer" ADD COLUMN     "fromCache" BOOLEAN NOT NULL DEFAULT false;
