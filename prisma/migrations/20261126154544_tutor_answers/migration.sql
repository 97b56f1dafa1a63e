-- CreateTable
CREATE TABLE "TutorAnswer" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "submissionId" UUID,
    "kind" TEXT NOT NULL,
    "level" INTEGER,
    "engine" TEXT NOT NULL,
    "note" TEXT,
    "cacheKey" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TutorAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TutorAnswer_cacheKey_idx" ON "TutorAnswer"("cacheKey");

-- CreateIndex
CREATE INDEX "TutorAnswer_userId_createdAt_idx" ON "TutorAnswer"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "TutorAnswer_submissionId_kind_idx" ON "TutorAnswer"("submissionId", "kind");

-- AddForeignKey
ALTER TABLE "TutorAnswer" ADD CONSTRAINT "TutorAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TutorAnswer" ADD CONSTRAINT "TutorAnswer_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
