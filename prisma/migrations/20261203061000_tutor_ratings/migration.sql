-- AlterTable
ALTER TABLE "TutorAnswer" ADD COLUMN     "code" TEXT;

-- CreateTable
CREATE TABLE "TutorRating" (
    "answerId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TutorRating_pkey" PRIMARY KEY ("answerId")
);

-- CreateIndex
CREATE INDEX "TutorRating_userId_idx" ON "TutorRating"("userId");

-- AddForeignKey
ALTER TABLE "TutorRating" ADD CONSTRAINT "TutorRating_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "TutorAnswer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TutorRating" ADD CONSTRAINT "TutorRating_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
