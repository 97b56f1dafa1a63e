-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "gradedContentHash" TEXT,
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "regradeId" UUID,
ADD COLUMN     "regradedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Regrade" (
    "id" UUID NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "courseId" UUID,
    "scope" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "requestedById" UUID,
    "queuedCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Regrade_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Regrade_courseId_exerciseId_createdAt_idx" ON "Regrade"("courseId", "exerciseId", "createdAt");

-- CreateIndex
CREATE INDEX "Submission_state_priority_createdAt_idx" ON "Submission"("state", "priority", "createdAt");

-- CreateIndex
CREATE INDEX "Submission_regradeId_idx" ON "Submission"("regradeId");

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_regradeId_fkey" FOREIGN KEY ("regradeId") REFERENCES "Regrade"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "Exercise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Submissions graded before versions were kept: the best we know is that they were graded against the exercise
-- as it is now, so none of them shows as changed until the exercise changes again.
UPDATE "Submission" s SET "gradedContentHash" = e."contentHash" FROM "Exercise" e WHERE s."exerciseId" = e.id AND s.state = 'graded';
