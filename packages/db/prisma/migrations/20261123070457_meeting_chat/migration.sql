-- AlterTable
ALTER TABLE "SessionMessage" ADD COLUMN     "meetingId" UUID,
ALTER COLUMN "sessionId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "SessionMessage_meetingId_createdAt_idx" ON "SessionMessage"("meetingId", "createdAt");

-- AddForeignKey
ALTER TABLE "SessionMessage" ADD CONSTRAINT "SessionMessage_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A message belongs to exactly one room: Prisma has no way to declare this, so the database keeps it.
ALTER TABLE "SessionMessage" ADD CONSTRAINT "SessionMessage_one_room" CHECK (num_nonnulls("sessionId", "meetingId") = 1);
