-- AlterTable
ALTER TABLE "LtiResourceLink" ADD COLUMN     "foundLineItemUrl" TEXT;

-- CreateTable
CREATE TABLE "LtiScore" (
    "resourceLinkId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "scoreGiven" INTEGER NOT NULL,
    "scoreMaximum" INTEGER NOT NULL,
    "activityProgress" TEXT NOT NULL,
    "gradingProgress" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "pendingSince" TIMESTAMP(3),
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "sentVersion" INTEGER,

    CONSTRAINT "LtiScore_pkey" PRIMARY KEY ("resourceLinkId","userId")
);

-- CreateTable
CREATE TABLE "LtiScoreAttempt" (
    "id" BIGSERIAL NOT NULL,
    "resourceLinkId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "error" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiScoreAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LtiScore_pendingSince_nextAttemptAt_idx" ON "LtiScore"("pendingSince", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "LtiScore_userId_idx" ON "LtiScore"("userId");

-- CreateIndex
CREATE INDEX "LtiScoreAttempt_resourceLinkId_userId_id_idx" ON "LtiScoreAttempt"("resourceLinkId", "userId", "id");

-- AddForeignKey
ALTER TABLE "LtiScore" ADD CONSTRAINT "LtiScore_resourceLinkId_fkey" FOREIGN KEY ("resourceLinkId") REFERENCES "LtiResourceLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiScore" ADD CONSTRAINT "LtiScore_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiScoreAttempt" ADD CONSTRAINT "LtiScoreAttempt_resourceLinkId_userId_fkey" FOREIGN KEY ("resourceLinkId", "userId") REFERENCES "LtiScore"("resourceLinkId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;
